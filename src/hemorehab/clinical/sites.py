"""Body sites: every joint and muscle a bleed, an assessment or an exercise can name.

One list for the whole platform: the bleed rules (clinical.bleeds), the exercise vocabulary and
the plan engine's safety rules (clinical.exercises, clinical.plan) and the Django choices of
the apps all derive from it, with its plain-word labels in English and Simplified Chinese.

- Joints: the major joints in the ISTH sense (elbow, knee, ankle, hip, shoulder, wrist; Blanchette
  VS et al., J Thromb Haemost 2014;12:1935, shared/domain/instruments.md s4 and s6a), left and
  right. The six HJHS 2.1 joints (elbows, knees, ankles) are a subset (instruments.md s1).
- Muscles: the fixed list of the bleed form (a muscle is chosen from it, never typed, so a
  rule such as "an iliopsoas bleed blocks loading of that leg" never depends on spelling).
  Each belongs to one limb of one side.

Codes are `side_part` ("left_knee", "right_iliopsoas") and never change: stored records use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

SIDES: tuple[str, ...] = ("left", "right")
LIMBS: tuple[str, ...] = ("upper", "lower")

# part -> (limb, English, Chinese), in display order. The English of a muscle names it in plain
# words with the anatomical name in brackets for the care team; FAMILY_EN (below) is the plain
# word alone, for a family.
_JOINT_PARTS: tuple[tuple[str, str, str, str], ...] = (
    ("elbow", "upper", "elbow", "肘关节"),
    ("knee", "lower", "knee", "膝关节"),
    ("ankle", "lower", "ankle", "踝关节"),
    ("hip", "lower", "hip", "髋关节"),
    ("shoulder", "upper", "shoulder", "肩关节"),
    ("wrist", "upper", "wrist", "腕关节"),
)
_MUSCLE_PARTS: tuple[tuple[str, str, str, str], ...] = (
    ("iliopsoas", "lower", "iliopsoas (deep hip flexor)", "髂腰肌"),
    ("quadriceps", "lower", "front of the thigh (quadriceps)", "股四头肌（大腿前侧）"),
    ("hamstrings", "lower", "back of the thigh (hamstrings)", "腘绳肌（大腿后侧）"),
    ("calf", "lower", "calf (gastrocnemius/soleus)", "小腿三头肌（小腿肚）"),
    ("gluteal", "lower", "buttock (gluteal muscles)", "臀肌"),
    ("adductors", "lower", "inner thigh (adductors)", "大腿内收肌"),
    ("forearm", "upper", "forearm muscles (flexors and extensors)", "前臂肌群"),
    ("upper_arm", "upper", "upper arm (biceps/triceps)", "上臂肌群（肱二头肌/肱三头肌）"),
    ("deltoid", "upper", "shoulder muscle (deltoid)", "三角肌（肩部）"),
)
_SIDE_WORDS = {"left": ("Left", "左"), "right": ("Right", "右")}

HJHS_JOINT_PARTS: tuple[str, ...] = ("elbow", "knee", "ankle")
JOINT_PARTS: tuple[str, ...] = tuple(part for part, *_ in _JOINT_PARTS)
MUSCLE_PARTS: tuple[str, ...] = tuple(part for part, *_ in _MUSCLE_PARTS)
PSOAS_PART = "iliopsoas"

FAMILY_EN: Mapping[str, str] = MappingProxyType(
    {
        "iliopsoas": "deep hip muscle",
        "quadriceps": "front of the thigh",
        "hamstrings": "back of the thigh",
        "calf": "calf",
        "gluteal": "buttock",
        "adductors": "inner thigh",
        "forearm": "forearm",
        "upper_arm": "upper arm",
        "deltoid": "shoulder muscle",
    }
)
"""A muscle in a family's English, without the anatomical name (the Chinese label is already
plain words with the common term)."""

CROSSES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "iliopsoas": ("hip",),
        "quadriceps": ("hip", "knee"),
        "hamstrings": ("hip", "knee"),
        "calf": ("knee", "ankle"),
        "gluteal": ("hip",),
        "adductors": ("hip",),
        "forearm": ("elbow", "wrist"),
        "upper_arm": ("shoulder", "elbow"),
        "deltoid": ("shoulder",),
    }
)
"""The joints each muscle of the list crosses (standard anatomy [K]: rectus femoris and the
hamstrings cross hip and knee, gastrocnemius knee and ankle, the forearm flexors and
extensors elbow and wrist, biceps and triceps shoulder and elbow). Moving, stretching or
loading one of these joints moves, stretches or loads the muscle: the safety rules extend a
muscle's graded return to the joints it crosses (instruments.md s6a: rest the bled muscle,
no stretching, no resistance)."""


@dataclass(frozen=True)
class Site:
    """One joint or muscle of one side, with its limb and plain-word labels."""

    code: str
    kind: str  # "joint" or "muscle"
    part: str
    side: str
    limb: str
    label_en: str
    label_zh: str

    def label(self, language: str) -> str:
        return self.label_zh if is_chinese(language) else self.label_en


def _sites(kind: str, parts: tuple[tuple[str, str, str, str], ...]) -> tuple[Site, ...]:
    found = []
    for part, limb, english, chinese in parts:
        for side in SIDES:
            side_en, side_zh = _SIDE_WORDS[side]
            zh = f"{side_zh}{chinese}" if kind == "joint" else f"{side_zh}侧{chinese}"
            found.append(Site(f"{side}_{part}", kind, part, side, limb, f"{side_en} {english}", zh))
    return tuple(found)


_ALL: tuple[Site, ...] = _sites("joint", _JOINT_PARTS) + _sites("muscle", _MUSCLE_PARTS)
SITES: Mapping[str, Site] = MappingProxyType({site.code: site for site in _ALL})
"""Every site by code: joints first (part by part, left then right), then muscles."""

JOINT_SITES: tuple[str, ...] = tuple(s.code for s in _ALL if s.kind == "joint")
MUSCLE_SITES: tuple[str, ...] = tuple(s.code for s in _ALL if s.kind == "muscle")
HJHS_JOINTS: tuple[str, ...] = tuple(
    f"{side}_{part}" for part in HJHS_JOINT_PARTS for side in SIDES
)
"""The six HJHS 2.1 joints in instrument order: left_elbow, right_elbow, left_knee, ..."""
PSOAS_SITES: tuple[str, ...] = tuple(f"{side}_{PSOAS_PART}" for side in SIDES)
PART_LABELS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {part: (english, chinese) for part, _limb, english, chinese in _JOINT_PARTS + _MUSCLE_PARTS}
)


def site(code: str) -> Site:
    """The site of a code; KeyError for an unknown code."""
    return SITES[code]


def limb_sites(side: str, limb: str) -> tuple[str, ...]:
    """Every joint and muscle of one limb of one side (e.g. the left leg)."""
    return tuple(s.code for s in _ALL if s.side == side and s.limb == limb)


def label(code: str, language: str = "en", *, family: bool = False) -> str:
    """A site's plain-word label ("Left knee", 左膝关节); an unknown code is returned as given.

    `family`: a muscle in plain English without its anatomical name ("Left calf")."""
    found = SITES.get(code)
    if found is None:
        return code
    if family and found.kind == "muscle" and not is_chinese(language):
        return f"{_SIDE_WORDS[found.side][0]} {FAMILY_EN[found.part]}"
    return found.label(language)


def crossed_joints(muscle_site: str) -> tuple[str, ...]:
    """The joint sites a muscle site crosses, same side ("left_calf" -> left knee, ankle)."""
    place = SITES[muscle_site]
    return tuple(f"{place.side}_{joint}" for joint in CROSSES.get(place.part, ()))


def is_chinese(language: object) -> bool:
    return isinstance(language, str) and language.lower().replace("_", "-").startswith("zh")
