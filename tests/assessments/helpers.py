from hemorehab.clinical import hjhs

WORST_KNEE = {
    "swelling": 3,
    "swelling_duration": 1,
    "muscle_atrophy": 2,
    "crepitus": 2,
    "flexion_loss": 3,
    "extension_loss": 3,
    "joint_pain": 2,
    "strength": 4,
}


def hjhs_post(assessed_on: str, overrides: dict | None = None, gait: str = "2") -> dict:
    """Form data for a full HJHS: every item 0, then the overrides {"left_knee__swelling": "2"}."""
    data = {"assessed_on": assessed_on, "timepoint": "baseline", "notes": "", "gait": gait}
    for joint in hjhs.JOINTS:
        for item in hjhs.ITEMS:
            data[f"{joint}__{item}"] = "0"
        data[f"{joint}__ne_reason"] = ""
    data["gait__ne_reason"] = ""
    data.update(overrides or {})
    return data


def hjhs_answers(overrides: dict | None = None, gait=2) -> dict:
    joints = {joint: dict.fromkeys(hjhs.ITEMS, 0) for joint in hjhs.JOINTS}
    for place, value in (overrides or {}).items():
        joint, item = place.split(".")
        joints[joint][item] = value
    return {"joints": joints, "gait": gait}
