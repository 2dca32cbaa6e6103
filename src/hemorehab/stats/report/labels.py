"""Every text of the study report that a person reads, in English and Simplified Chinese.

One dict, keyed by the same identifiers the data and the JSON use (measure IDs, category
values, section keys), so a label is looked up, never spelled twice. Texts inside figures
stay language-neutral (codes and numbers); the captions below carry the words.
"""

from __future__ import annotations

from hemorehab.stats.errors import StatsError

LANGUAGES: tuple[str, ...] = ("en", "zh-hans")

LABELS: dict[str, dict[str, str]] = {
    # measures (Table 1 rows, paper order)
    "head_us_c_total": {"en": "HEAD-US-C total", "zh-hans": "HEAD-US-C总分"},
    "hjhs_total": {"en": "HJHS 2.1 total", "zh-hans": "HJHS 2.1总分"},
    "hjhs_muscle_strength_atrophy": {
        "en": "Muscle strength and atrophy",
        "zh-hans": "肌力与肌萎缩",
    },
    "hjhs_flexion_extension": {"en": "Flexion and extension sum", "zh-hans": "屈曲与伸展合计"},
    "hjhs_crepitus": {"en": "Crepitus", "zh-hans": "骨摩擦音"},
    "hjhs_gait": {"en": "Gait", "zh-hans": "步态"},
    "hjhs_swelling": {"en": "Swelling", "zh-hans": "肿胀"},
    "cho_klat": {"en": "CHO-KLAT", "zh-hans": "CHO-KLAT评分"},
    "joint_bleeds_12w": {"en": "Joint bleeds in 12 weeks", "zh-hans": "12周内关节出血次数"},
    "joint_bleed_reduction": {
        "en": "Reduction in joint bleeds (before minus during)",
        "zh-hans": "关节出血减少次数（康复前减康复期间）",
    },
    # category values
    "A": {"en": "Hemophilia A", "zh-hans": "血友病A"},
    "B": {"en": "Hemophilia B", "zh-hans": "血友病B"},
    "severe": {"en": "Severe", "zh-hans": "重型"},
    "moderate": {"en": "Moderate", "zh-hans": "中型"},
    "mild": {"en": "Mild", "zh-hans": "轻型"},
    "prophylaxis": {"en": "Prophylaxis", "zh-hans": "预防治疗"},
    "on_demand": {"en": "On demand", "zh-hans": "按需治疗"},
    "completed": {"en": "Completed", "zh-hans": "完成"},
    "active": {"en": "Active", "zh-hans": "进行中"},
    "withdrawn": {"en": "Withdrawn", "zh-hans": "退出"},
    "age_le_7": {"en": "Age ≤ 7 years", "zh-hans": "年龄≤7岁"},
    "age_gt_7": {"en": "Age > 7 years", "zh-hans": "年龄>7岁"},
    "joints_1": {"en": "1 affected joint", "zh-hans": "1个受累关节"},
    "joints_2plus": {"en": "≥ 2 affected joints", "zh-hans": "≥2个受累关节"},
    # subgroup variables
    "age_group": {"en": "Age group", "zh-hans": "年龄组"},
    "hemophilia_type": {"en": "Hemophilia type", "zh-hans": "血友病类型"},
    "severity": {"en": "Severity", "zh-hans": "严重程度"},
    "prior_regimen": {"en": "Regimen before the program", "zh-hans": "康复前治疗方式"},
    "joint_count_group": {"en": "Affected joints", "zh-hans": "受累关节数"},
    "status": {"en": "Status", "zh-hans": "状态"},
    "center": {"en": "Center", "zh-hans": "中心"},
    # model terms
    "Intercept": {"en": "Intercept", "zh-hans": "截距"},
    "age_years": {"en": "Age (per year)", "zh-hans": "年龄（每增加1岁）"},
    "baseline": {"en": "Baseline value", "zh-hans": "基线值"},
    "prior_prophylaxis": {
        "en": "Prophylaxis before the program (vs on demand)",
        "zh-hans": "康复前预防治疗（以按需治疗为参照）",
    },
    "prophylaxis_changed": {"en": "Prophylaxis changed", "zh-hans": "预防方案调整"},
    "hjhs_incomplete_before": {
        "en": "HJHS before rehabilitation has not-evaluable items",
        "zh-hans": "康复前 HJHS 含无法评估项",
    },
    "hjhs_incomplete_after": {
        "en": "HJHS after rehabilitation has not-evaluable items",
        "zh-hans": "康复后 HJHS 含无法评估项",
    },
    "cho_klat_form": {"en": "CHO-KLAT form of the pair", "zh-hans": "CHO-KLAT 配对所用问卷"},
    "cho_klat_form_changed": {
        "en": "CHO-KLAT form changed between before and after (not paired)",
        "zh-hans": "CHO-KLAT 前后问卷类型不同（未配对）",
    },
    "parent": {"en": "Parent proxy", "zh-hans": "家长代答"},
    "child": {"en": "Child self-report", "zh-hans": "儿童自评"},
    "none": {"en": "None", "zh-hans": "无"},
    "adherence_10pct": {
        "en": "Adherence (per 10 percentage points)",
        "zh-hans": "依从性（每增加10个百分点）",
    },
    # section headings
    "study_flow": {"en": "Study flow", "zh-hans": "研究流程"},
    "cohort": {"en": "Patient characteristics", "zh-hans": "患者基本特征"},
    "table1": {
        "en": "Table 1. Outcomes before and after rehabilitation",
        "zh-hans": "表1  康复前后各结局指标比较",
    },
    "group_comparison": {
        "en": "Reduction in joint bleeds by regimen before the program",
        "zh-hans": "不同康复前治疗方式患儿关节出血减少次数比较",
    },
    "adjusted_models": {"en": "Adjusted models of change", "zh-hans": "变化值的多因素校正模型"},
    "subgroups": {
        "en": "Subgroup analyses (HJHS 2.1 total)",
        "zh-hans": "亚组分析（HJHS 2.1总分）",
    },
    "adherence": {"en": "Adherence to home training", "zh-hans": "居家训练依从性"},
    "adverse_events": {
        "en": "Adverse events related to rehabilitation",
        "zh-hans": "与康复相关的不良事件",
    },
    "methods": {"en": "Statistical methods", "zh-hans": "统计学方法"},
    "figures": {"en": "Figures", "zh-hans": "图"},
    # column headings and short words
    "measure": {"en": "Measure", "zh-hans": "指标"},
    "before": {"en": "Before rehabilitation", "zh-hans": "康复前"},
    "after": {"en": "After rehabilitation", "zh-hans": "康复后"},
    "group": {"en": "Group", "zh-hans": "组别"},
    "n": {"en": "n", "zh-hans": "例数"},
    "median_iqr": {"en": "Median (Q1, Q3)", "zh-hans": "M（Q1，Q3）"},
    "change": {"en": "Change, median (Q1, Q3)", "zh-hans": "变化值 M（Q1，Q3）"},
    "change_model": {
        "en": "change (after - before), adjusted model",
        "zh-hans": "变化值（康复后减康复前）校正模型",
    },
    "between": {"en": "Between subgroups", "zh-hans": "亚组间比较"},
    "term": {"en": "Term", "zh-hans": "变量"},
    "estimate": {"en": "B", "zh-hans": "B"},
    "ci95": {"en": "95% CI", "zh-hans": "95% CI"},
    "item": {"en": "Item", "zh-hans": "项目"},
    "value": {"en": "Value", "zh-hans": "数值"},
    "count": {"en": "Count", "zh-hans": "例数"},
    "not_recorded": {"en": "not recorded", "zh-hans": "未记录"},
    "not_fitted": {"en": "model not fitted", "zh-hans": "未拟合模型"},
    "screened": {"en": "Screened", "zh-hans": "筛查"},
    "eligible": {"en": "Eligible", "zh-hans": "符合纳入标准"},
    "not_eligible": {"en": "Not eligible", "zh-hans": "不符合纳入标准"},
    "excluded": {"en": "Excluded", "zh-hans": "排除"},
    "enrolled": {"en": "Enrolled", "zh-hans": "入组"},
    "age": {"en": "Age, median (range)", "zh-hans": "年龄，中位数（范围）"},
    "affected_joints": {"en": "Affected joints per child", "zh-hans": "每例受累关节数"},
    "children": {"en": "Children", "zh-hans": "患儿例数"},
    "analysed": {"en": "Analysed (not active)", "zh-hans": "纳入结局分析（非进行中）"},
    "recorded": {"en": "Recorded", "zh-hans": "有记录例数"},
    "adherence_median": {
        "en": "Sessions done, % median (Q1, Q3)",
        "zh-hans": "完成训练比例（%），M（Q1，Q3）",
    },
    "events_total": {"en": "Events, total", "zh-hans": "事件总数"},
    "children_with_event": {"en": "Children with ≥ 1 event", "zh-hans": "发生≥1次事件例数"},
    "covariates_dropped": {"en": "Covariates left out", "zh-hans": "未纳入的协变量"},
    "p_note": {
        "en": "Data are median (Q1, Q3). P: Wilcoxon signed-rank test, two-sided.",
        "zh-hans": "数据以M（Q1，Q3）表示。P值：Wilcoxon符号秩检验，双侧。",
    },
    # figure captions (outside the images)
    "fig_paired": {
        "en": "Each line is one child, before (T0) and after (T12) the 12-week program. Panels: "
        "HEAD-US-C total, HJHS 2.1 total, CHO-KLAT, JB-12w = joint bleeds in 12 weeks "
        "(before vs during). Bold line: median.",
        "zh-hans": "每条线代表1例患儿12周康复前（T0）与康复后（T12）的评分。分图：HEAD-US-C总分、"
        "HJHS 2.1总分、CHO-KLAT评分、JB-12w＝12周内关节出血次数（康复前与康复期间）。"
        "粗线为中位数。",
    },
    "fig_box": {
        "en": "Box plots before (T0) and after (T12) rehabilitation for every Table 1 measure; "
        "box = Q1 to Q3 (quartiles as in Table 1), line = median, whiskers = furthest values "
        "within 1.5 IQR of the box, circles = values beyond. Codes: HJHS-MS muscle strength and "
        "atrophy, HJHS-FE flexion and extension sum, HJHS-CR crepitus, HJHS-G gait, HJHS-SW "
        "swelling, JB-12w joint bleeds in 12 weeks.",
        "zh-hans": "各表1指标康复前（T0）与康复后（T12）的箱线图；箱体为Q1至Q3，箱内线为中位数，"
        "须延伸至距箱体1.5倍四分位距以内的最远值，圆点为超出该范围的数值（四分位数算法同表1）。"
        "代码：HJHS-MS肌力与肌萎缩，HJHS-FE屈曲与伸展合计，HJHS-CR骨摩擦音，"
        "HJHS-G步态，HJHS-SW肿胀，JB-12w为12周内关节出血次数。",
    },
    "fig_heatmap": {
        "en": "Mean HJHS 2.1 item score per joint before (T0) and after (T12). Rows: LE/RE "
        "left/right elbow, LK/RK knee, LA/RA ankle. Columns: SW swelling, DUR duration of "
        "swelling, MA muscle atrophy, CR crepitus, FL flexion loss, EX extension loss, PN joint "
        "pain, ST strength.",
        "zh-hans": "康复前（T0）与康复后（T12）各关节HJHS 2.1各项目平均得分。行：LE/RE左/右肘，"
        "LK/RK左/右膝，LA/RA左/右踝。列：SW肿胀，DUR肿胀持续时间，MA肌萎缩，CR骨摩擦音，"
        "FL屈曲受限，EX伸展受限，PN关节疼痛，ST肌力。",
    },
    "fig_bleeds": {
        "en": "Joint bleeds per week, weeks -12 to -1 before and 1 to 12 during the program "
        "(all children). The dashed line marks the start of the program.",
        "zh-hans": "每周关节出血次数：康复前第-12至-1周及康复期间第1至12周（全部患儿）。"
        "虚线表示康复开始。",
    },
}


CODES: dict[str, str] = {
    "head_us_c_total": "HEAD-US-C",
    "hjhs_total": "HJHS",
    "hjhs_muscle_strength_atrophy": "HJHS-MS",
    "hjhs_flexion_extension": "HJHS-FE",
    "hjhs_crepitus": "HJHS-CR",
    "hjhs_gait": "HJHS-G",
    "hjhs_swelling": "HJHS-SW",
    "cho_klat": "CHO-KLAT",
    "joint_bleeds_12w": "JB-12w",
    "left_elbow": "LE",
    "right_elbow": "RE",
    "left_knee": "LK",
    "right_knee": "RK",
    "left_ankle": "LA",
    "right_ankle": "RA",
    "swelling": "SW",
    "swelling_duration": "DUR",
    "muscle_atrophy": "MA",
    "crepitus": "CR",
    "flexion_loss": "FL",
    "extension_loss": "EX",
    "joint_pain": "PN",
    "strength": "ST",
}
"""Language-neutral codes printed inside figures; the captions explain them."""


class UnknownLanguageError(StatsError):
    """A language other than the ones the report ships."""

    def __init__(self, language: str) -> None:
        self.language = language
        super().__init__(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")


def check_language(language: str) -> str:
    """'en' or 'zh-hans' (case-insensitive, '_' accepted for '-'); else UnknownLanguageError."""
    key = language.lower().replace("_", "-")
    if key not in LANGUAGES:
        raise UnknownLanguageError(language)
    return key


def label(key: str, language: str = "en") -> str:
    """The label of `key` in `language`; an unknown key is shown as itself."""
    texts = LABELS.get(key)
    return texts[check_language(language)] if texts else key


def both(key: str) -> dict[str, str]:
    """The label of `key` in every language."""
    return {lang: label(key, lang) for lang in LANGUAGES}
