"""The statistical-methods paragraph, generated in English and Simplified Chinese.

It states every convention the report uses, with the software versions that computed it,
so a reader can redo the analysis in SPSS or R and get the same numbers.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import numpy as np
import pandas as pd
import scipy
import statsmodels

from hemorehab.stats.descriptives import R_TYPES, resolve_quantile_method
from hemorehab.stats.signed_rank import EXACT_MAX_N


def software_versions() -> dict[str, str]:
    """Versions of the software that computed the numbers."""
    try:
        own = metadata.version("hemorehab")
    except metadata.PackageNotFoundError:
        own = "unknown"
    return {
        "python": platform.python_version(),
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "hemorehab": own,
    }


def quantile_phrase(method: str | int) -> dict[str, str]:
    name = resolve_quantile_method(method)
    rtype = next(t for t, n in R_TYPES.items() if n == name)
    if rtype == 6:
        return {
            "en": "the SPSS default definition (weighted average at (n + 1)p; Hyndman and Fan "
            "type 6)",
            "zh-hans": "SPSS默认算法（(n+1)p位置的加权平均，即Hyndman–Fan第6型）",
        }
    return {
        "en": f"Hyndman and Fan type {rtype} (numpy method '{name}'), which differs from the "
        "SPSS default (type 6)",
        "zh-hans": f"Hyndman–Fan第{rtype}型（numpy方法“{name}”），与SPSS默认算法（第6型）不同",
    }


EN = (
    "Statistical analysis was performed in Python {python} with SciPy {scipy} and statsmodels "
    "{statsmodels} (NumPy {numpy}, pandas {pandas}; hemorehab {hemorehab}), following the "
    "conventions of IBM SPSS Statistics. Continuous variables are presented as median (first "
    "quartile, third quartile) and categorical variables as counts; quartiles were computed "
    "with {quantile}. Outcome analyses included every child who had completed or withdrawn "
    "from the program; children still in the program were excluded (n = {n_active}). Outcomes "
    "before and after rehabilitation were compared with the Wilcoxon signed-rank test for "
    "paired samples: differences were taken as after minus before, zero differences were "
    "discarded, tied absolute differences received average ranks, and Z was computed from the "
    "smaller rank sum with the tie-corrected normal approximation without continuity "
    "correction (hence Z ≤ 0); exact permutation P values are also given in the "
    "machine-readable output when there are at most {exact_max} non-zero differences. The "
    "reduction in joint bleeds (12 weeks before minus 12 weeks during the program) was "
    "compared between children on prophylaxis and on on-demand treatment before the program "
    "with the Mann-Whitney U test (U = min(U1, U2), average ranks for ties, tie-corrected "
    "normal approximation without continuity correction). To adjust for potential "
    "confounders, the change (after minus before) in each outcome was modelled by ordinary "
    "least squares on age (years), baseline value, regimen before the program (prophylaxis vs "
    "on demand), change of prophylaxis during the program and adherence to home training (per "
    "10 percentage points, where recorded); a covariate was omitted from a model when it was "
    "missing for every child, did not vary, or was collinear with the preceding covariates, "
    "and every omission is listed with its model. Standard errors were "
    "heteroscedasticity-consistent (HC3); 95% confidence intervals and P values were based on "
    "the t distribution. Exploratory subgroup analyses of the HJHS 2.1 total were performed by "
    "age (≤ 7 completed years, i.e. < 96 months, vs older), hemophilia type (A vs B), "
    "severity, regimen before the program and number of affected joints (1 vs ≥ 2): within "
    "each subgroup with the Wilcoxon signed-rank test, and between subgroups by comparing the "
    "changes with the Mann-Whitney U test (Kruskal-Wallis test for more than two subgroups), "
    "without adjustment for multiple comparisons. Missing values were not imputed: each "
    "analysis used the children with the values it required (complete pairs for paired "
    "comparisons, complete cases for models), and the number analysed is reported with every "
    "result; adherence and adverse events are summarised for every enrolled child with a "
    "record and reported as not recorded when no child has one. All tests were two-sided; P "
    "values are given to three decimal places, values below 0.001 as P < 0.001, and P < 0.05 "
    "was considered statistically significant."
)

ZH = (
    "统计分析采用Python {python}，调用SciPy {scipy}及statsmodels {statsmodels}（NumPy {numpy}，"
    "pandas {pandas}；hemorehab {hemorehab}）完成，计算约定与IBM SPSS Statistics一致。计量资料以"
    "中位数（第一四分位数，第三四分位数）表示，计数资料以例数表示；四分位数采用{quantile}计算。"
    "结局分析纳入已完成或已退出康复方案的全部患儿，仍处于康复方案中的患儿不纳入（{n_active}例）。"
    "康复前后比较采用配对样本Wilcoxon符号秩检验：差值定义为康复后减康复前，差值为0者不参与"
    "秩次编排，绝对差值相同者取平均秩，由较小的秩和计算Z值（故Z≤0），采用经结校正的正态近似，"
    "不作连续性校正；非零差值不超过{exact_max}对时，机器可读结果中另给出精确置换P值。康复前"
    "接受预防治疗与按需治疗患儿之间关节出血减少次数（康复前12周减康复期间12周）的比较采用"
    "Mann-Whitney U检验（U取U1与U2中的较小者，相同数值取平均秩，采用经结校正的正态近似，"
    "不作连续性校正）。为校正潜在混杂因素，以各结局指标的变化值（康复后减康复前）为因变量，"
    "以年龄（岁）、基线值、康复前治疗方式（预防治疗与按需治疗）、康复期间预防方案是否调整及"
    "居家训练依从性（每10个百分点，有记录时纳入）为自变量，建立普通最小二乘回归模型；若某协"
    "变量在分析患儿中全部缺失、无变异或与其前的协变量共线，则不纳入该模型，并在相应模型结果中"
    "逐一注明。标准误采用异方差稳健估计（HC3），95%置信区间及P值基于t分布。针对HJHS 2.1总分"
    "进行探索性亚组分析，分组依据为年龄（≤7周岁，即<96个月，与>7岁）、血友病类型（A型与B型）、"
    "严重程度、康复前治疗方式及受累关节数（1个与≥2个）：各亚组内采用Wilcoxon符号秩检验，"
    "亚组间变化值的比较采用Mann-Whitney U检验（多于两个亚组时采用Kruskal-Wallis检验），"
    "未作多重比较校正。缺失数据未予填补：每项分析纳入具备所需数据的患儿（配对比较采用完整"
    "配对，回归模型采用完整病例），各结果均注明实际分析例数；依从性及不良事件按有记录的全部"
    "入组患儿汇总，均无记录时报告为“未记录”。所有检验均为双侧检验；P值保留三位小数，"
    "P<0.001者记为P<0.001，以P<0.05为差异有统计学意义。"
)


@dataclass(frozen=True)
class Methods:
    en: str
    zh_hans: str
    software: dict[str, str]

    def text(self, language: str) -> str:
        return self.zh_hans if language == "zh-hans" else self.en

    def to_dict(self) -> dict[str, Any]:
        return {"en": self.en, "zh-hans": self.zh_hans, "software": dict(self.software)}


def methods_paragraph(quantile_method: str | int, n_active: int) -> Methods:
    """The methods paragraph in both languages for this report's conventions."""
    software = software_versions()
    phrase = quantile_phrase(quantile_method)
    common = software | {"n_active": n_active, "exact_max": EXACT_MAX_N}
    return Methods(
        en=EN.format(quantile=phrase["en"], **common),
        zh_hans=ZH.format(quantile=phrase["zh-hans"], **common),
        software=software,
    )
