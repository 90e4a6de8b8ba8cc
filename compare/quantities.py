"""Sentence -> Metric: every stated quantity with its value, unit, scale, qualifier, kind and label.

A small explicit grammar (regexes composed from named parts) finds the quantities and skips years,
dates, ordinals, titles, short quoted names, idioms, references and codes. Conventions: a rank's
unit is its scope as written (全省第二 -> unit 全省); a ratio's value is left / right (1:4 -> 0.25);
a Chinese unit keeps its scale word (3.686亿元 -> unit 亿元, scale 亿), an English one does not
($1.2 billion -> unit $, scale billion); ％ and "per cent" become %; a fraction is a share in %
with its text as written (三分之一 -> 33.33…%), per mille when written so (千分之三 -> 3‰).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from compare import traditional
from compare.collector import collector_paused
from compare.model import SCALES, Metric, MetricKind, Report, Section
from compare.patterns import regex
from compare.records import fast_constructor, fast_replacer
from compare.tables import TableColumns, TableScales, TableUnits, is_head
from compare.units import CURRENCY_SIGNS, UNIT_SIZES

# --------------------------------------------------------------------------- named parts


def _words(text: str) -> list[str]:
    """Split a whitespace-separated word list (long lists of CJK units read best this way)."""
    return text.split()


D = "[0-9０-９]"
NUM = rf"(?:{D}{{1,3}}(?:,{D}{{3}})+(?![0-9０-９])(?:[.．]{D}+)?|{D}+(?:[.．]{D}+)?)"
CN_DIGITS = "〇零一二两三四五六七八九十百千"
CN_NUM = f"[{CN_DIGITS}]+"
# A Chinese numeral counted with a measure word: 十二, 一万二千, 三点二 (十二万 is 十二 and 万).
CN_COUNT_NUM = f"{CN_NUM}(?:万{CN_NUM})?(?:点[{CN_DIGITS}]+)?"
CJK = "\u3400-\u9fff"

# Scale words that may follow Arabic digits (十/百/千 only come inside Chinese numerals).
SCALE_CN = "万亿|千万|百万|亿|万"
SCALE_EN = "thousand|million|billion|trillion"

PRE_QUAL_CN = "超过|突破|大约|将近|接近|不足|不到|不少于|不低于|不超过|低于|高于|少于|多于|至少|(?<![最赶接将])近|约|超|逾"
PRE_QUAL_EN = (
    "more than|less than|fewer than|at least|up to|close to|over|about|approximately|around|"
    "nearly|almost|roughly|some|under"
)
CURRENCY = "|".join(re.escape(sign) for sign in CURRENCY_SIGNS)

# Units written after Arabic digits (and after a scale word): longest first when compiled.
UNITS_CN = _words(
    "个百分点 百分点 个位次 位次 个月 人次 人口 架次 辆次 班次 批次 户次 台套 课时 学时 学分 小时 分钟 周年 周岁 分 "
    "部门 标准箱 标箱 千瓦时 千瓦 兆瓦 吨公里 人公里 "
    "平方公里 平方千米 平方米 立方米 公里 千米 厘米 米 亩 公顷 "
    "千克 公斤 吨 毫克 微克 克 斤 美元 欧元 港元 日元 元 "
    "个 项 所 名 位 家 户 件 条 次 场 期 批 起 例 张 套 间 台 辆 架 艘 座 栋 幢 处 块 本 册 篇 首 幅 "
    "节 堂 门 支 队 组 对 种 类 轮 届 枚 份 棵 株 只 头 盏 颗 宗 笔 款 片 倍 年 天 周 秒 岁 人 股"
)
# Measure words that make a Chinese numeral a quantity (两个, 三项, 十二所); 年/期/级 are left
# out because 三年行动 and 二期工程 name things rather than count them.
CLASSIFIERS_CN = _words(
    "个百分点 个月 人次 小时 个 项 所 名 位 家 户 件 条 次 场 批 起 例 张 套 间 台 座 处 篇 门 支 "
    "对 种 轮 届 枚 份 倍 天 周 人"
)
# Units of a sum or a measure, after a Chinese numeral of ten or more or with a scale word
# (三亿元, 三千元, 一百万吨, 五十万亩; 二元结构 and 一吨半 are no figures).
UNITS_AFTER_CN = _words("元 美元 吨 公斤 千克 亩 公顷 公里 千米 平方米 平方公里 立方米 千瓦 千瓦时")
# Measure words of things counted, for which the noun that follows names what is counted.
COUNTERS = set(CLASSIFIERS_CN) | set(
    _words(
        "期 部 方面 片 辆 架 艘 栋 幢 块 本 册 首 幅 节 堂 对 类 枚 份 棵 株 只 头 盏 颗 宗 笔 款 "
        "部门 人次 架次 辆次 批次 户次 台套"
    )
) - {"个百分点", "个月", "小时", "倍", "天", "周"}
CHANGE_UNITS = {"个百分点", "百分点", "个位次", "位次", "percentage points", "percentage point"}
CHANGE_UNITS |= {"basis points", "basis point"}
MEDALS = {"金": "金牌", "银": "银牌", "铜": "铜牌"}
RANK_SCOPE = "全省|全国|全市|全球|世界|亚洲|全区|全县|省内|国内|市内|全行业|同类城市"
MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
REF_WORDS = (
    "Items?|Parts?|Notes?|Sections?|Articles?|Chapters?|Rules?|Schedules?|Exhibits?|Appendix|"
    "Annex|Tables?|Figures?|Pages?|pages?|Form|Phase|Level|Series|Tier|Pillar|No\\.?|Nos\\.?|"
    "Fig\\.|pp?\\."
)
# Fixed words and slogans whose numerals count nothing; masked before scanning.
IDIOMS = _words(
    "第一时间 一对一 一校一品 一窗通办 一本账 两会 三全育人 五育并举 四个全面 四个意识 四个自信 "
    "两个维护 两个确立 两个积极性 三个代表 五位一体 三位一体 八项规定 三番五次 两学一做 三严三实 千家万户 "
    "一带一路 两个一百年 十四五 十三五 十二五 十一五 五项原则 一国两制 个位数 两位数 三位数 国际两个市场 "
    "两种资源 两种资源、两个市场 两个大局"
)


def _alt(words: list[str]) -> str:
    """Return a regex alternation of words, longest first so 人次 wins over 人."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_NOT_AFTER = r"(?<![A-Za-z0-9.．,_+＋/])(?<![A-Za-z0-9][-−])"

NUM_CORE = (
    rf"(?P<preq>(?:{PRE_QUAL_CN})|(?i:\b(?:{PRE_QUAL_EN})\s+))?(?P<cur>(?:{CURRENCY})\s?)?"
    rf"(?:\((?P<pnum>{NUM})\)|(?:(?P<minus>(?<![0-9])[-−]|负(?=[0-9]))|(?<![A-Za-z0-9_+＋])[+＋](?=[0-9]))?"
    rf"(?P<digits>{NUM}))"
)

# Every construct starts with one of these characters (or a word's first letter, or a line
# start); testing this first lets the scanner pass over ordinary text quickly.
_FIRST = (
    rf"(?:^|(?=[0-9０-９{CN_DIGITS}第全世亚省国市同超突大将接不至近约逾低高少多$€£¥￥§+(（\-−负]"
    rf"|(?<![A-Za-z])[A-Za-z]))"
)

# Written for speed without a change of meaning: the skipped spans that start with a digit sit
# behind one test (of _NOT_AFTER and of the character after the digits, which each of them
# needs), so that other numbers fail them in one step; their digit runs are possessive (what
# follows a run is never a digit, so giving digits back cannot help); only alternatives that
# cannot start at the same place were reordered. tests/test_quantities.py compares it with the
# plain grammar.
_MASTER = regex(
    _FIRST
    + "(?:"
    + "|".join(
        [
            # --- spans to skip: dates, times, phone and ID numbers, references, formulas
            rf"(?P<skip>Form\s+10-K\s*\|\s*\d+|§+\s*[\d.]+"
            rf"|(?<![A-Za-z])(?:{MONTHS})\.?\s+\d{{1,2}}(?![0-9])(?:st|nd|rd|th)?"
            rf"(?:,?\s+\d{{4}})?"
            rf"|\+\d[\d\s\-]{{6,}}\d|\(\d{{3}}\)\s*\d{{3}}-\d{{4}}"
            rf"|(?<![A-Za-z])(?:{REF_WORDS})\s+\d+(?:\.\d+)*[A-Za-z]?"
            rf"(?:\s*(?:and|to|through|-|–|,)\s*\d+(?:\.\d+)*[A-Za-z]?)*"
            rf"|(?<!\|\s)[（(]{D}{{1,2}}[）)](?!\s*[%％])"
            rf"|^\s*\d+(?:\.\d+)*\*?\s*(?=\|.*[A-Za-z{CJK}])"
            rf"|(?=0\d|\d++[年月日号—\-~～至到\s:.aApPsntr+＋/]){_NOT_AFTER}"
            rf"(?:\d{{1,2}}+(?:st|nd|rd|th)?\s+(?:{MONTHS})\b(?:\s+\d{{4}})?"
            rf"|{D}++(?:年{D}++月(?:{D}++[日号])?|月{D}++[日号]"
            rf"|(?:[—\-~～至到]{D}++)?月(?![份底末初中上下])?|[日号])"
            rf"|\d{{1,2}}+(?:[:.]\d{{2}})?\s*(?:[ap]\.m\.|[AaPp][Mm]\b)"
            rf"|\d++(?:-\d++){{2,}}|\d{{1,3}}+-\d{{5,}}|0\d++(?:-\d++)*"
            rf"|{D}++(?:(?:\s*[+＋]\s*(?:{D}++|[A-Za-z]++))+|(?:/{D}++)+))"
            rf"|^\s*{D}+[.．、](?![0-9０-９]))",
            # --- constructs
            rf"(?P<pct_cn>百分之(?P<pcnum>{CN_NUM}(?:点[{CN_DIGITS}]+)?))",
            rf"(?P<rank>(?P<rscope>{RANK_SCOPE})?第\s*(?P<rnum>{NUM}|{CN_NUM})\s*(?P<rctr>位|名)?)",
            rf"(?P<top>(?P<tscope>{RANK_SCOPE})前(?P<tnum>[一二三四五六七八九十]+|{D}+)(?:位|名|强)?)",
            rf"(?={D})(?P<tally>{_NOT_AFTER}(?:{D}+[金银铜]){{2,3}})",
            rf"(?={D})(?P<ratio>{_NOT_AFTER}(?P<ra>{NUM})\s?[:：∶]\s?(?P<rb>{NUM})(?![:：∶]?[0-9]))",
            rf"(?P<cn>(?<![{CN_DIGITS}数几上好第周期初点万亿])(?P<cnnum>{CN_COUNT_NUM})"
            rf"(?P<cnscale>万亿|亿|万)?(?P<cnq>余|多)?"
            rf"(?P<cnunit>{_alt([*CLASSIFIERS_CN, *UNITS_AFTER_CN])}))",
            rf"(?P<num>{_NOT_AFTER}{NUM_CORE})",
        ]
    )
    + ")",
    re.MULTILINE,
)

# A character every construct (and skipped span) of _MASTER contains, and the characters that
# may come before the first of them in a match: qualifiers, currencies, scopes, words, signs.
_NEEDED = regex(rf"[\d{CN_DIGITS}§]")
_LEADING = regex(
    r"(?i)[a-z\s.+(（$€£¥￥\-−负第前全省国市球世界亚洲区县内行业同类城超过大约将近接不足到少于低高多至逾突破]*"
)
_TAIL_CN = regex(
    rf"(?P<scale>{SCALE_CN})?(?P<q1>余|多)?(?P<scale2>{SCALE_CN})?"
    # 900多万个体工商户: 个体 (self-employed) is a word, not the classifier 个 (3个体育场 is)
    rf"(?P<unit>[%％‰]|(?!个体(?:工商户|户|经济|私营))(?:{_alt(UNITS_CN)}))?"
    rf"(?:/(?P<per>{_alt(UNITS_CN)}))?"
    rf"(?:[ \u3000]?(?P<q2>以上|以内|以下|左右))?"  # 70% 以上 as the 2011 report writes it
)
# A population after a bare count in 万 or 亿 (6000万农村人口, 60万无电地区人口): the count
# is of people, as 6000万人 is.
_PEOPLE_AFTER = regex(r"[^\d\s，,；;。、的]{0,6}?人口|农民")
# A number run on by digits and then letters with hyphens: a code, not a quantity.
_CODE_GOES_ON = regex(r"-\d+-[A-Z]")
_EN_SCALE = regex(rf"\s*({SCALE_EN})\b")
# A sum's scale written short, as British and European reports do: £1.2bn, €120m, $45k.
_EN_SHORT_SCALE = regex(r"(bn|m|k)\b")
_EN_SHORT_SCALES = {"bn": "billion", "m": "million", "k": "thousand"}
_EN_SHORT_UNIT = regex(r"(p|bps|bp|x)\b")
_EN_SHORT_UNITS = {"p": "pence", "bps": "basis points", "bp": "basis points", "x": "times"}
_EN_PCT = regex(r"\s*(?:[%％]|per\s?cent\b|percent\b)")
_EN_POINTS = regex(r"\s+(percentage[- ]points?|basis points?)\b")
_EN_WORD = regex(r"\s+([a-z][a-z\-]*[a-z])\b")
# A plural noun (points, employees, matches; not business or status), and one a word or two on
# from the word after a number (the words between included).
_EN_PLURAL = regex(r"(?<![su'])s$")
# What a bare count counts when a name comes first: "31 Singapore companies", "11
# Singapore-based startups", "15 AfAs" (a plural, after up to two capitalised words).
_EN_NAMED_COUNT = regex(r" ((?:[A-Z][A-Za-z\-]*[a-z] ){0,2}[A-Za-z][A-Za-z\-]+(?<![su'])s)\b")
_EN_COUNTED = regex(r"(?:\s+[a-z][a-z\-]*[a-z])?\s+[a-z][a-z\-]*[a-z](?<![su'])s\b")
# "per common share" is per share (not "per diluted share", a measure of its own).
_EN_PER = regex(r"\s+per\s+(?:(?:common|ordinary)\s+(?=share\b))?([a-z]+)\b")
_EN_MEASURE = regex(r"\s+(feet|foot|metres|meters|kilometres|kilometers|miles|yards|inches)\b")
_RANGE_SEP = regex(r"\s*(?:—{1,2}|–|-|－|~|～|〜|至|到)\s*|\s+to\s+")
_SUSPENDED = regex(r"(?:or|and|to|through)\s")
_TALLY_PART = regex(rf"({D}+)([金银铜])")

_EN_STOP = set(
    _words(
        """a an the and or of to in on at for from by with as than that which who whom whose is are
    was were be been being will would can could may might shall should new more less this these
    those its it their our his her your my during compared over under into through between while
    when where if but not no also each every other such all some most both including included
    per thousand million billion trillion percent cent year since until after before against
    among about around only just so then there here up down out off via versus vs today now
    annually respectively ago earlier later previously alone overall combined instead already yet
    still even again too either altogether have has had do does did"""
    )
)

_EN_OPENERS = set(
    _words(
        """total nearly approximately over about only since after before what when while we our i
    you they he she it its there here more less fewer some each every all both"""
    )
)

# What may stand between an English change word and its figure, at the figure: "rose by about".
_ABOUT_AT_END = r"(?:\s+(?:approximately|about|around|nearly|almost|some))?\s*$"
_CHANGE_BEFORE = regex(
    r"(?:增长|增加|提高|提升|上升|下降|降低|减少|下滑|回落|跃升|攀升|扩大|缩小|缩短|压缩|增幅|降幅|涨幅|"
    r"增速|增产|减产|升值|贬值|(?<![新转])增|降|减|涨|跌)(?:了|达|达到|为|约|近|超|控制在|保持在|稳定在)?\s*$"
    r"|(?i:(?=[a-z])(?<![\w-])(?:increased?|increases|decreased?|decreases|rose|rises?|risen|fell|falls?|fallen|grew|"
    r"grows?|grown|growth|declined?|declines|gained?|gains|dropped|drops?|up|down|higher|lower|"
    rf"changed?)(?:\s+(?:of|by))?{_ABOUT_AT_END})"
)
# Verbs that tell how a rate or a sum moved ("Singapore's GDP contracted by 5.4% in 2020",
# "Profit climbed 5%", "margins narrowed 0.4 percentage points"): a change of a share, points or
# a sum only ("we improved 40 schools" counts the schools).
_CHANGE_MOTION = regex(
    r"(?i:(?<![\w-])(?:climbed|jumped|surged|soared|expanded|accelerated|rebounded|recovered|"
    r"advanced|improved|widened|narrowed|contracted|shrank|shrunk|tumbled|slumped|plunged|"
    rf"plummeted|slipped|dipped|eased)(?:\s+by)?{_ABOUT_AT_END})"
)
# The verbs that "up" finishes without telling a rise: "free up over $17 billion of working
# capital", "taking up", "women made up 45% of", "set up 12 new centres" (not "went up 3%").
_PHRASAL_UP = regex(
    r"(?i:(?<![\w-])(?:free[ds]?|freeing|take[ns]?|took|taking|make[s]?|made|making|sets?|"
    r"setting|use[ds]?|using|sign(?:s|ed|ing)?|open(?:s|ed|ing)?|buil[dt]s?|building|"
    r"add(?:s|ed|ing)?|tie[ds]?|tying|lock(?:s|ed|ing)?)\s+$)"
)
# "We reduced emissions by 18%", "cut costs by $5 million": the verb, what it changed, then by;
# looked for (further back) only before a figure that "by" comes close before.
_CHANGE_VERB_BY = regex(
    r"(?i:(?=[a-z])(?<![\w-])(?:reduced|cut|lowered|raised|increased|decreased|grew|boosted)"
    r"(?:\s+(?!by\b)[a-z][\w'’-]*){0,3}\s+by"
    rf"{_ABOUT_AT_END})"
)
VERB_BY_CHARS = 48
# The characters (?i)[a-z] matches (İ ı ſ K besides ASCII letters; a test holds this to it):
# classes that list them need no IGNORECASE, which lets the regex engine scan for them quickly.
_ANY_LETTER = "A-Za-z\u0130\u0131\u017f\u212a"
# A character every match of _CHANGE_BEFORE holds: without one in the words before a figure,
# the search itself is skipped.
_CHANGE_HINT = regex(f"[增提上下降减回跃攀扩缩压涨跌升贬{_ANY_LETTER}]")
# The matches of _CHANGE_BEFORE that state a fall: 下降1.7% is a change of -1.7%, and so is
# decreased 8% (-8%); 下跌 and 削减 match as 跌 and 减. Not 降低为3% (lowered to 3%: a level).
_FALL_WORD = regex(
    r"(?:下降|降低|减少|下滑|回落|缩小|缩短|压缩|降幅|减产|贬值|降|减|跌)(?:了|达|达到|约|近|超|控制在|保持在|稳定在)?\s*$"
    r"|(?i:decrease|decline|fell|fall|drop|down|lower|less|reduc|cut|below|behind|narrowed|"
    r"contracted|shr[au]nk|tumbled|slumped|plunged|plummeted|slipped|dipped|eased)"
)
# 目标是…: the goals follow (and may go on in the next sentences: see attach_metrics).
_GOALS_FOLLOW = regex(r"目标(?:是|为|：|:)")
_TARGET_STRONG = regex(f"{_GOALS_FOLLOW.pattern}|预期目标|主要预期")
_TARGET_WEAK = regex(
    r"力争|争取|确保|预期(?!寿命)|预计(?!数|执行数)|拟|提出|(?<![需重主只必纲首概紧扼提])要(?![求素点闻害务领件])|目标(?!数)|"
    r"计划(?=[0-9０-９新增完成实现建成达到投资改造培训招录开工])|"
    r"(?i:\b(?:targets?|targeted|aims?\s+to|goal|expects?\s+to|expected\s+to|plans?\s+to|"
    r"projected|forecast)\b)"
)
# Where a match of _TARGET_STRONG or _TARGET_WEAK can start: at its first Chinese character, or
# at an English word's first letter, one of t a g e p f (which no other character matches
# ignoring case). Every letter had been a start: 55,000 tries of _TARGET_WEAK on Apple's 10-K.
_TARGET_HINT = regex(r"[目预主力争确拟提要计]|\b[TtAaGgEePpFf]")
_BREAKDOWN = regex("(?<=[，,；;])其中")
_CLAUSE_ENDS = "，,；;：:。！？!?\n|"
_CLAUSE_END = regex(f"[{_CLAUSE_ENDS}]")

_QUOTES = regex(
    r"《[^《》]*(?:《[^《》]*》[^《》]*)*》|“[^“”]{0,25}”|「[^「」]{0,25}」|『[^『』]{0,25}』"
    r'|"[^"\n]{0,25}"'
)
_IDIOMS = regex(_alt(IDIOMS))
# Both in one scan, which blanks what the two would: no idiom holds a quotation mark, so one
# inside quotes goes with them (a test compares it with the two scans).
_QUOTES_OR_IDIOMS = regex(f"{_QUOTES.pattern}|{_IDIOMS.pattern}")
# A table-of-contents row: text cells, then a small page number as the last cell.
_PAGE_CELL = regex(r"(?<=\|)\s*\d{1,3}\s*$")
_NUMERIC_CELL = regex(r"(?:[\d$€£¥,.()%—–\-\s*]|\([a-z]\))+")  # 1,234(a): a footnote
# A row that names a table's own line, not a title: "Thereafter | 66", "Total | 48" are sums.
_TABLE_LINE = regex(r"\s*(?:Total|Subtotal|Thereafter)\b", re.IGNORECASE)
_CLOCK = regex(r"\s*(?:[ap]\.?m\b|时|点|分)")
_CLOCK_TIME = regex(r"(?:[01]?\d|2[0-3])[:：][0-5]\d")
# A day, or a part of one, just before a time: 1月10日, 2022-01-10, 上午, 晚.
_AFTER_A_DAY = regex(r"(?:日|号|\d{4}-\d{1,2}-\d{1,2}|上午|下午|晚上|早上|中午|晚|凌晨)\s*$")
_CONJUNCTION = regex(r"[及和与、或\s]*")
# The words before a streak's length: 连续10年世界第一, 已连续5年增长.
_STREAK = regex(r"[\s，,、]*(?:已经?|再|实现)?连续")
_FROM = regex(r"(?i:\bfrom\b)|从")
_POINT_ZERO = regex(rf"{D}+[.．]0")
_YEAR = regex(r"(?:19|20)\d\d")
# Figures joined like this share a verb: 增长9.8%和8.5%, increased 16% or $36.4 billion.
_JOINED = regex(r"\s*(?:or|and|或|和|与|及|、|，或)\s*")
# The items of a list label: "A、B和C" -> A, B, C (和/与/及 only before the last item).
_LAST_JOIN = regex("[和与及]")
# Addresses: a ZIP code after a US state (or its two-letter code), a number before a street.
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|District of Columbia|AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|"
    "ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|"
    "TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_ZIP = regex(r"\d{5}(?:-\d{4})?")
_NAME_LIST = regex(
    r"\b[A-Za-z]*[A-Z][A-Za-z]* \d{1,2}(?: [A-Z][a-z]+)?(?:, \d{1,2}(?: [A-Z][a-z]+)?)*"
    r"(?:,? and |,? or |, )$"
)
_LETTERED = regex(r"\([a-z]{1,3}\)")  # 401(k), 15(d): a number lettered is a name
_BEFORE_ZIP = regex(rf"\b(?:{_US_STATES}),?\s*\|?\s*$")
_STREET = regex(
    r"\s+(?:[A-Z][A-Za-z]*\s+){1,3}(?:Loop|Way|Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Dr\.|"
    r"Boulevard|Blvd\.|Lane|Place|Plaza|Court|Parkway|Square|Circle|Highway)(?![A-Za-z])"
)
_RANK_WORDS = regex(r"排名|排位|位次|名次|排在|排第")


def _heads_columns(sentence: str, raws: list[_Raw]) -> bool:
    """Tell whether a table row is the head of its columns, whose numbers say what each column
    holds ("Payments Due in Less Than 1 Year | Payments Due in 1-3 Years | … | Total", "Less
    than 12 Months | 12 Months or Greater | Total"), not figures: three cells or more, each
    with words (not "$164.94 – $142.41"), none of them a figure alone, none a footnote's mark."""
    cells = [cell.strip() for cell in sentence.split("|")]
    if len(cells) < 3 or _FOOTNOTE_MARK.fullmatch(cells[0]):
        return False
    if not all(_ASCII_LETTER.search(cell) for cell in cells):
        return False
    figures = {sentence[raw.start : raw.end] for raw in raws}
    return not any(cell in figures for cell in cells)


_ASCII_LETTER = regex("[A-Za-z]")


# A row of an exhibit index (a 10-K's list of the documents filed with it): "10.1* | Employee
# Stock Purchase Plan… | 8-K | 10.1 | 3/13/15", or "31.2** | Rule 13a-14(a)… Certification".
# Its numbers name documents, and its rates name notes ("1.00% Notes due 2018"): no figures.
_EXHIBIT_ROW = regex(
    r"\| (?:\d{1,2}-[KQ]|[SF]-\d{1,2}|8-A12[BG]|DEF 14A|[24]0-F|6-K|11-K)(?:/A)? \|"
    r"|^\d{1,3}(?:\.\d{1,3})?\*+(?:, ?\*+)? \|"
)
_TOKEN_REST = regex(r"[0-9A-Za-z０-９.．\-]*")
# A note in brackets is no part of what a figure measures (学校（不含教学点）), but one inside a
# quoted name is (“最美教师（提名）”: the nominated, not the 最美教师 named beside them).
_LABEL_DROP = regex(
    rf"（[^（）]*）(?![^“”]*”)|\([^()]*\)(?![^“”]*”)|《[^《》]*》|{D}{{4}}年[度末底初]?|第[{CN_DIGITS}0-9]+届|[“”\"「」『』\x00\s]"
)
# A condition a figure is stated under is no part of what it measures: 在…的情况下,
# 在…的基础上, 在…背景下.
_CONDITION = regex(r"在[^，,；;。在]{1,20}?的?(?:情况|背景|前提|条件|基础)[下上]")
# A character every match of _LABEL_DROP starts with.
_LABEL_DROP_HINT = regex(r"[（(《0-9０-９第“”\"「」『』\x00\s]")
# English words; an alternative in brackets next to a slash is part of its word, as written
# (income/(loss), Proceeds from/(Repayments of), net (gains)/losses).
# A law's name keeps its year, one word with it ("Securities Exchange Act of 1934"). Digits
# written into a word are part of it (COVID-19, G20, the 20th percentile, a 4-room flat, 400cc,
# 5G), but not a year (FY2020, end-2020: a label names what is measured every year); so is the
# number of a market index (the S&P 500 Index, the Russell 2000 Index), and of a tier, level or
# phase (the Tier 1 levy, Level 2 assets): one word with it; else a number is no word of a label.
_EN_WORDS = regex(
    r"Act of (?:19|20)\d\d\b|"
    r"\b(?:Tier|Level|Phase|Stage|Band|Grade|Class|Category)\s\d{1,2}[A-Z]?\b(?![.,]\d)|"
    r"(?<![\d.,$£€¥])\d+(?=\s+Index\b)|"
    r"(?<![\d.,$£€¥])\d+(?:st|nd|rd|th|cc|G|D|(?:-[A-Za-z]+)+)\b|"
    r"(?:\([A-Za-z][^()]{0,30}\)/)?[A-Za-z][A-Za-z&'’\-./]*"
    r"(?:(?<!FY)(?!(?:19|20)\d\d(?!\d))\d+[A-Za-z&'’\-./]*)*"
    r"(?:(?<=/)\([A-Za-z][^()]{0,30}\))?"
)
_LEADING_QUOTE = regex(r"“[^“”]{0,25}”")
# A counted noun: up to 20 of these characters or CJK ideographs (tested apart: a regex class
# with the CJK range takes milliseconds to compile, at every start of the program).
_NOUN_OTHERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+（）()、“”")
_DIGIT = regex(r"[0-9０-９]")
_AFTER_TEXT = regex(r"的?([^，,；;。！？!?\n|、\d]{1,20})")
_HAS_NUMBER = regex(rf"{D}|[{CN_DIGITS}]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_CN_ONE = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_ONE |= {"七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


# --------------------------------------------------------------------------- small helpers


def _mask(sentence: str, *, pages: bool = True) -> str:
    """Blank out titles, short quoted names, idioms and (unless pages=False) page numbers,
    keeping every offset."""
    spans = [m.span() for m in _QUOTES_OR_IDIOMS.finditer(sentence)]
    if pages and "|" in sentence and (page := _PAGE_CELL.search(sentence)):
        cells = sentence[: page.start()].split("|")
        if not any(_NUMERIC_CELL.fullmatch(c.strip()) for c in cells) and not _TABLE_LINE.match(
            cells[0]
        ):
            spans.append(page.span())
    if not spans:
        return sentence
    pieces: list[str] = []
    done = 0
    for start, end in sorted(spans):  # overlapping spans are blanked once
        if end > done:
            start = max(start, done)
            pieces += (sentence[done:start], "\x00" * (end - start))
            done = end
    pieces.append(sentence[done:])
    return "".join(pieces)


# A run of more digits is no quantity but numbers run together (a bad extraction): no figure.
# (Python writes no int of over 4,300 digits, which the JSON output would ask for.)
MOST_DIGITS = 40


def _decimal(text: str) -> Decimal | None:
    """Value a run of Arabic digits as written (full-width allowed, thousands commas dropped);
    None past MOST_DIGITS digits."""
    if len(text) > MOST_DIGITS and sum(ch.isdigit() for ch in text) > MOST_DIGITS:
        return None
    if not text.isascii():
        text = text.translate(_FULLWIDTH)
    try:
        return Decimal(text.replace(",", "") if "," in text else text)
    except InvalidOperation:
        return None


def _cn_int(text: str) -> int | None:
    """Value a standard Chinese numeral below 10000 (十二, 一百零五, 两千五); None otherwise."""
    total, digit, last_unit, after_zero = 0, None, 10_000, False
    for ch in text:
        if ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit >= last_unit or digit == 0 or (digit is None and (unit != 10 or total)):
                return None  # 十百, 百, 零十: not a well-formed numeral
            total += (1 if digit is None else digit) * unit
            digit, last_unit, after_zero = None, unit, False
        elif ch not in _CN_ONE or digit:
            return None  # 两三, 三五: "two or three", an estimate rather than a value
        elif ch in "零〇":
            digit, after_zero = (None, True) if total else (0, False)
        else:
            digit = _CN_ONE[ch]
    if digit:
        # 一百五 is 150 and 两千两 is 2200: a bare last digit counts in the next unit down
        total += digit * (1 if after_zero or last_unit == 10_000 else last_unit // 10)
    elif digit == 0 and not total:
        return 0
    return total


def _cn_value(text: str) -> Decimal | None:
    """Value a Chinese numeral (两 -> 2, 十二 -> 12, 三十点五 -> 30.5); None when it is not one.

    Integers are valued by _cn_int; decimals (…点…) go to cn2an, imported only then because
    importing it takes most of a second. Runs such as 两三 or 三五 mean "two or three", not 23
    or 35, so they are not values at all.
    """
    if "点" not in text:
        if "万" in text:  # 一万二千, 三万零五百, 一万二 (12,000, as said)
            high, _, low = text.partition("万")
            low = low.lstrip("零〇")
            tens = _cn_int(high)
            rest = _cn_int(low) if len(low) != 1 else _CN_ONE.get(low, -1) * 1000
            if tens is None or rest is None or rest < 0:
                return None
            return Decimal(tens * 10_000 + rest)
        value = _cn_int(text)
        return None if value is None else Decimal(value)
    import cn2an

    try:
        return Decimal(str(cn2an.cn2an(text, "normal")))
    except (ValueError, KeyError, IndexError, InvalidOperation):
        return None


_CJK_FIRST, _CJK_LAST = CJK[0], CJK[-1]


def _is_cjk(ch: str) -> bool:
    """Tell whether ch is a CJK ideograph."""
    return bool(ch) and _CJK_FIRST <= ch <= _CJK_LAST


def _has_cjk(text: str) -> bool:
    """Tell whether text holds a CJK ideograph."""
    for ch in text:  # noqa: SIM110 - a plain loop: any() of a generator costs three times this
        if _CJK_FIRST <= ch <= _CJK_LAST:
            return True
    return False


def _is_year(value: Decimal, text: str) -> bool:
    """Tell whether a number written without a thousands comma reads as a year (1900-2100)."""
    return value == value.to_integral_value() and 1900 <= value <= 2100 and "," not in text


@dataclasses.dataclass(slots=True)
class _Raw:
    """A quantity found in a sentence, before its label and final kind are settled."""

    start: int
    end: int
    value: Decimal
    unit: str = ""
    scale: str = ""
    qualifier: str = ""
    kind: MetricKind = MetricKind.COUNT
    upper: Decimal | None = None
    currency: str = ""
    noun_end: int = -1  # end of the counted noun that follows (29个部门 -> after 部门)
    label: str = ""
    medal: str = ""
    classifier: bool = False
    falls: bool = False  # stated as a fall (下降1.7%): its value was made negative


# --------------------------------------------------------------------------- tails and ranges


# What follows a number: where it ends, its unit (with scale), scale, qualifier, and whether the
# unit counts things (29个部门: the noun after it names them).
_Tail = tuple[int, str, str, str, bool]


def _parse_tail(masked: str, pos: int, currency: str) -> _Tail | None:
    """Read scale, qualifier and unit after a number; None when the number is part of a token."""
    nxt = masked[pos : pos + 2]
    if nxt[:1].isascii() and nxt[:1].isalpha():
        if currency and (m := _EN_SHORT_SCALE.match(masked, pos)):
            # £1.2bn, €120m: a sum's scale written short, as British and European reports do.
            return m.end(), "", _EN_SHORT_SCALES[m.group(1)], "", False
        if (
            not currency
            and (m := _EN_SHORT_UNIT.match(masked, pos))
            and not (m.group(1) == "p" and masked[max(0, pos - 4) : pos].isdigit())
        ):
            # 45.2p of earnings per share (pence; not 1080p), margin up 120bps (basis points),
            # net debt 1.2x EBITDA (times)
            return m.end(), _EN_SHORT_UNITS[m.group(1)], "", "", False
        return None  # 5G, 10b5, 2nd: a name, not a quantity
    if nxt.startswith(("”", "″")):
        return None  # 21.5” iMac: a size in inches names a product
    if nxt[:1] == "-" and _CODE_GOES_ON.match(masked, pos):
        return None  # 1-800-SEC-0330: a telephone number spelt with letters
    if nxt[:1] in ".．" and nxt[1:2].isdigit() or nxt[:1] == "-" and nxt[1:2].isalpha():
        if nxt[:1] == "-" and _SUSPENDED.match(masked, pos + 1):
            return pos, "", "", "", False  # 52-or 53-week: a suspended hyphen whose space was lost
        return None  # 1.2.3 section numbers, 10-K
    start = pos + 1 if nxt[:1] in (" ", "\u3000") else pos  # 39.8 万亿元
    m = _TAIL_CN.match(masked, start)
    if m and m.end() > start:
        scale, q1, scale2, unit, per, q2 = m.groups()
        scale = (scale or "") + (scale2 or "")
        unit = "%" if unit == "％" else unit or ""  # the only full-width character a unit has
        written = unit if unit == "%" else scale + unit
        if per:
            written += "/" + per
        counted = unit in COUNTERS or not unit and bool(scale)  # 29个部门, 80万师生
        if not unit and scale and _PEOPLE_AFTER.match(masked, m.end()):
            written = scale + "人"  # 6000万农村人口 are people, as 6000万人 are
        return m.end(), written, scale, q2 or q1 or "", counted
    return _parse_tail_en(masked, pos, currency)


def _parse_tail_en(masked: str, pos: int, currency: str) -> _Tail:
    """Read an English tail: scale word, then %, percentage points, a noun, or `per tonne`."""
    end, unit, scale = pos, "", ""
    if m := _EN_SCALE.match(masked, pos):
        scale, end = m.group(1), m.end()
    if m := _EN_PCT.match(masked, end):
        return m.end(), "%", scale, "", False
    if m := _EN_POINTS.match(masked, end):
        return m.end(), m.group(1), scale, "", False
    if (
        not currency
        and (word := _EN_WORD.match(masked, end))
        and (
            word.group(1) not in _EN_STOP
            # 12 new stores: new is no unit of its own, but says what the stores are
            or (word.group(1) == "new" and _EN_COUNTED.match(masked, word.end()))
        )
    ):
        unit = word.group(1)
        # 60,000 charging points, 132,000 full-time equivalent employees: what is counted is the
        # plural noun a word or two on. Without one, a verb is no unit (20,000 taking up).
        counted = None if _EN_PLURAL.search(unit) else _EN_COUNTED.match(masked, word.end())
        if counted and not _EN_STOP.intersection(counted.group(0).split()):
            unit, end = " ".join([unit, *counted.group(0).split()]), counted.end()
        elif unit in ("square", "cubic") and (measure := _EN_MEASURE.match(masked, word.end())):
            unit, end = f"{unit} {measure.group(1)}", measure.end()  # 13.4 million square feet
        elif unit.endswith("ing"):
            unit = ""
        else:
            end = word.end()
    if (currency or unit) and (m := _EN_PER.match(masked, end)):
        unit, end = f"{unit} per {m.group(1)}".strip(), m.end()
    return end, unit, scale, "", False


def _parse_number(masked: str, m: re.Match[str], currency: str = "") -> _Raw | None:
    """Turn a number match plus its tail into a raw quantity; None when it is not a metric.

    `currency` is the one written before a range's first end, for the second (£1.1-1.3bn)."""
    pnum, minus, digits, cur, preq = m.group("pnum", "minus", "digits", "cur", "preq")
    value = _decimal(pnum or digits)
    if value is None:
        return None
    if pnum or minus:
        value = -value
    cur = (cur or "").strip() or currency
    tail = _parse_tail(masked, m.end(), cur)
    if tail is None:
        return None
    end, unit, scale, qualifier, classifier = tail
    if cur:
        unit = f"{cur} {unit}".strip()
    return _Raw(
        m.start(),
        end,
        value,
        unit,
        scale,
        qualifier or (preq or "").strip(),
        currency=cur,
        classifier=classifier,
    )


@functools.cache
def _number() -> re.Pattern[str]:
    """Return NUM_CORE compiled, on first use: ranges are rare, and it takes 2 ms to compile."""
    return re.compile(NUM_CORE)


def _try_range(masked: str, first: _Raw, reverse: str, sep: re.Match[str]) -> _Raw | None:
    """Merge `first` and what follows its range separator sep (`- 5%`, `至5年`) into one range."""
    if first.qualifier or first.value < 0:
        return None
    m2 = _number().match(masked, sep.end())
    if not m2 or m2["preq"] or m2["pnum"] or m2["minus"]:
        return None
    second = _parse_number(masked, m2)
    if first.currency and (second is None or not (second.currency or second.unit)):
        # the currency written once, before the range: $1.1-1.3 billion, £1.1-1.3bn
        second = _parse_number(masked, m2, first.currency)
    if second is None or second.value < first.value:
        return None
    if first.unit and first.unit != second.unit and not first.currency:
        return None
    if first.currency and first.currency != second.currency:
        return None
    if first.scale and first.scale != second.scale:
        return None
    clause_start = _clause_start(reverse, first.start)
    if _FROM.search(masked, clause_start, first.start):
        return None  # "from $0.63 to $0.73" states two values, not a range
    if (
        second.value >= _LEVEL_PAST_CHANGE * first.value
        and not masked[first.end - 1].isdigit()  # each end with its unit: 20亿元至265亿元
        and first.unit != "%"
        and _CHANGED_BY.search(masked, max(0, first.start - 16), first.start)
    ):
        # 税收收入增加20亿元至265亿元, "increased by $2.1 billion to $10.5 billion": by how
        # much, then what it came to (a range's ends are near each other: 20亿元至30亿元)
        return None
    second.start, second.upper, second.value = first.start, second.value, first.value
    second.qualifier = second.qualifier or first.qualifier
    return second


# A verb of change just before a figure ("增加", "increased by"), and how many times the figure
# what follows it after 至 / to is at least, to be what the change came to (see _try_range).
_CHANGED_BY = regex(
    r"(?:增加|增长|减少|下降|提高|降低|上升|扩大|缩小|增收|减收)了?$"
    r"|\b(?:increased|decreased|rose|fell|grew|declined|dropped|climbed)(?: by)? $",
    re.IGNORECASE,
)
_LEVEL_PAST_CHANGE = 3

# How far back a clause is read. The corpus's longest clause before a figure is 405 characters
# (Apple's 10-K); a text with no boundary at all must not cost a scan to its start per figure.
CLAUSE_REACH = 1000


def _clause_start(reverse: str, pos: int) -> int:
    """Return the offset just after the last clause boundary before pos, given the text reversed.

    Reversed, the nearest boundary before pos is the first one after len - pos: one search,
    over at most CLAUSE_REACH characters.
    """
    begin = len(reverse) - pos
    boundary = _CLAUSE_END.search(reverse, begin, begin + CLAUSE_REACH)
    return len(reverse) - boundary.start() if boundary else max(0, pos - CLAUSE_REACH)


# --------------------------------------------------------------------------- the scanner


# A list of numbers that name (3、4号线, 1、2号楼, 5、6期): the first has no word of its own.
_NAMED_NEXT = regex(r"(?:\d+、)*\d+(?:号|期)")


def _keep_bare(masked: str, raw: _Raw, text: str) -> bool:
    """Decide whether a number with no unit, scale or currency is still a stated quantity."""
    after = masked[raw.end : raw.end + 1]
    if _is_cjk(after):
        return False  # 12345热线, 3级: a name or code, or a unit we do not know
    if after == "、" and _NAMED_NEXT.match(masked, raw.end + 1):
        return False  # 3、4号线: the first of a list of names
    if after == "(" and text.isdigit() and "|" not in masked and _LETTERED.match(masked, raw.end):
        return False  # the 401(k) Plan, Section 13 or 15(d) (in a table: a footnote's letter)
    if _in_address(masked, raw, text):
        return False
    return not _after_name(masked, raw, text)


def _in_address(masked: str, raw: _Raw, text: str) -> bool:
    """Tell a street number (1 Infinite Loop) or a ZIP code (California 95014) from a count."""
    if raw.currency or raw.scale or raw.unit:
        return False
    if _ZIP.fullmatch(text) and _BEFORE_ZIP.search(masked, max(0, raw.start - 30), raw.start):
        return True
    return text.isdigit() and bool(_STREET.match(masked, raw.end))


# How far back _after_name reads: the last word, or a list of names and numbers.
NAME_LOOKBACK = 120
_EN_NOT_NAMES = _EN_STOP | _EN_OPENERS  # capitalised at a sentence's start, not as a name


def _after_name(masked: str, raw: _Raw, text: str) -> bool:
    """Tell iPhone 8, S&P 500, Standing Order No 89 (a number naming a thing) from a count."""
    if "," in text or "." in text or raw.currency or raw.scale or raw.unit == "%":
        return False
    # The words just before (not the whole sentence before, split again for every number).
    before = masked[max(0, raw.start - NAME_LOOKBACK) : raw.start]
    words = before.split()
    if not words or not before.endswith(" "):
        return False
    word = words[-1]
    if word[:1].isupper() and word.lower() not in _EN_NOT_NAMES:
        return True
    if any(c.isupper() for c in word[1:]):
        return True
    # A list that a name opened goes on naming: iPhone 8, 8 Plus, 7 and 7 Plus; Items 7 and 8.
    return _NAME_LIST.search(before) is not None


def _is_version(masked: str, raw: _Raw, text: str) -> bool:
    """Tell 智慧食安2.0, 工业4.0, BEPS 2.0 (version tags) from a stated 2.0."""
    if raw.currency or raw.scale or raw.unit == "%" or not _POINT_ZERO.fullmatch(text):
        return False
    prev = masked[raw.start - 1 : raw.start]
    if _is_cjk(prev) or prev.isalpha():
        return prev not in "达为是至到约超逾增降"
    words = masked[: raw.start].split()
    return prev == " " and bool(words) and any(c.isupper() for c in words[-1])


def _next_construct(masked: str, reverse: str, pos: int) -> re.Match[str] | None:
    """Return _MASTER.search(masked, pos), starting the search where a match can first begin.

    Every construct holds a digit or numeral (_NEEDED); before the first one only _LEADING
    characters (words, signs, spaces) can belong to it, so the text before that run is skipped
    at C speed. `reverse` is masked reversed, to measure the run backwards in one call.
    """
    needed = _NEEDED.search(masked, pos)
    if needed is None:
        return None
    start = needed.start()
    if start > pos:
        at = len(masked) - start
        run = _LEADING.match(reverse, at)
        assert run is not None  # it matches the empty string at least
        start = max(pos, start - (run.end() - at))
    return _MASTER.search(masked, start)


# A comparative in brackets, as British and European annual reports give last year's figure:
# "87% (2021: 84%)", "£3.4 billion (2021: £3.1 billion)".
_COMPARATIVE_YEAR = regex(r"[(（]\s?$")


def _scan(sentence: str, masked: str, reverse: str) -> list[_Raw]:
    """Find every quantity in the sentence (masked by _mask; reverse is masked reversed), in order."""
    found: list[_Raw] = []
    pos = 0
    last_scope = ""
    lent = (-1, "")  # where a "from $5 to" leaves off, and its currency
    while (m := _next_construct(masked, reverse, pos)) is not None:
        pos = max(m.end(), pos + 1)
        construct = m.lastgroup  # the outermost named group closes last
        if construct == "skip":
            continue
        if construct == "pct_cn":
            value = _cn_value(m["pcnum"])
            if value is not None:
                found.append(_Raw(m.start(), m.end(), value, "%", kind=MetricKind.PERCENT))
            continue
        if construct == "rank":
            raw = _rank(masked, m, last_scope)
            if raw is not None:
                last_scope = raw.unit
                found.append(raw)
            continue
        if construct == "top":
            value = _decimal(m["tnum"]) if m["tnum"][0].isdigit() else _cn_value(m["tnum"])
            if value is not None:
                found.append(
                    _Raw(
                        m.start(), m.end(), value, m["tscope"], qualifier="前", kind=MetricKind.RANK
                    )
                )
            continue
        if construct == "tally":
            for part in _TALLY_PART.finditer(masked, m.start(), m.end()):
                value = _decimal(part.group(1))
                if value is not None:
                    found.append(
                        _Raw(part.start(), part.end(), value, part.group(2), medal=part.group(2))
                    )
            continue
        if construct == "ratio":
            if _COMPARATIVE_YEAR.search(masked, max(0, m.start() - 2), m.start()) and _is_year(
                _decimal(m["ra"]) or Decimal(0), m["ra"]
            ):
                pos = m.start("rb")  # (2021: 84%): last year's figure, no ratio
                continue
            raw = _ratio(masked, m)
            if raw is not None:
                found.append(raw)
            continue
        if construct == "cn":
            raw = _chinese_count(masked, m)
            if raw is not None:
                found.append(raw)
            continue
        raw = _parse_number(masked, m)
        if lent[0] == m.start() and (raw is None or not (raw.currency or raw.unit)):
            raw = _parse_number(masked, m, lent[1])  # "from $5 to 10": the 10 is dollars too
        if raw is None:
            pos = _skip_token(masked, m.end())
            continue
        sep = _RANGE_SEP.match(masked, raw.end) or _between_and(masked, raw)
        if sep is not None:
            merged = _try_range(masked, raw, reverse, sep)
            if merged is not None:
                raw = merged
            elif raw.currency:
                lent = (sep.end(), raw.currency)
            elif raw.unit in ("", "年") and _year_range(masked, raw, sep):
                pos = _skip_token(masked, raw.end)
                continue
        pos = raw.end
        if not (raw.unit or raw.scale or raw.currency) and (
            joined := _CN_SUSPENDED.match(masked, raw.end)
        ):
            _suspended_unit(masked, raw, joined.end())
        if _stands(masked, raw, sentence[raw.start : raw.end], m["digits"] or m["pnum"] or ""):
            found.append(raw)
    if _may_hold_fraction(masked) and (shares := _fractions(masked)):
        kept = [r for r in found if not any(r.start < f.end and f.start < r.end for f in shares)]
        found = sorted(kept + shares, key=lambda raw: raw.start)
    return found


# 分别高4.2和0.7个百分点: the first number's unit is the second's, said once.
_CN_SUSPENDED = regex(r"[和与及、](?=\d)")


def _suspended_unit(masked: str, raw: _Raw, at: int) -> None:
    """Give a bare number the unit and scale of the Chinese number joined to it, when that has
    them and no currency (4.2和0.7个百分点: 4.2个百分点)."""
    m = _number().match(masked, at)
    if not m or m["preq"] or m["cur"] or m["pnum"] or m["minus"]:
        return
    second = _parse_number(masked, m)
    if second is None or second.currency or not (second.unit or second.scale):
        return
    if not _has_cjk(second.unit or second.scale):
        return  # 3 and 4%: English keeps its own reading
    raw.unit, raw.scale = second.unit, second.scale


def _is_english_unit(unit: str) -> bool:
    """Tell whether a unit is English words: days, full-time equivalent employees."""
    return unit.isascii() and unit.replace(" ", "").replace("-", "").isalpha()


# Years of schooling that name its kind, not a span of time: 15年教育, 十二年免费教育, 九年一贯制.
_SCHOOLING = regex("(?:免费|义务|基础)*(?:教育|一贯制)(?![投经支])")


# Areas named by the time it takes to cross them (15分钟社区生活圈, 1小时通勤圈).
_REACH = regex("[^，。；、\\d]{0,4}圈")
# A bound on a sum or a size just before what is counted, and the count (10亿元以上重大项目12个,
# 超10亿元项目12个, 100兆瓦以上光伏电站3座, 2000万元以上企业达到1200家): the bound says which
# things are counted. Not when a word between says more of the bounded figure (以上，连续8年).
_CLASS_BOUNDS = {"以上", "以下", "及以上", "超", "超过", "逾"}
_CLASS_COUNTED = regex(
    r"的?(?:(?!连续|达|增|比|为|是|占|共|累计|其中)[\u4e00-\u9fff]){1,10}"
    r"(?:达到|达|有|共有|共计|共|为)?[0-9.]+(?:万|亿)?[个家座项所批户台条处栋艘辆]"
)
# People of an age bound (15岁以上人口, 3岁以下婴幼儿, 60周岁以上老年人): a group, not a measure.
_AGE_GROUP = regex("(?:的)?(?:人口|人群|儿童|婴幼儿|幼儿|少年|青少年|老人|老年人|居民|妇女|人员)")

# People of an age ("workers aged 55 to 70", "children below the age of 21", "those aged 60 and
# above", "at age 65", "when they turn 55", "those who turn 55"): a group, as 15岁以上人口 is;
# not "the retirement age of 63", a measure.
_AGED = regex(
    r"(?:\baged|\b(?:below|above|under|over|at)\s+the\s+age\s+of|\b(?:at|from|by|until)\s+age"
    r"|\b(?:when|once|until|before|after)\s+(?:they|you|he|she|we|I)\s+"
    r"(?:turn|turns|reach|reaches|are|is|was|were)|\bwho\s+(?:turn|turns|turned))\s+$",
    re.I,
)
AGED_CHARS = 24  # how far back "aged" or "below the age of" is looked for

# A share of a whole named with its article: "9% of our population", "40% of the firms".
_SHARE_OF_THE = regex(r"\s+of\s+(?:our|the|their|its|all)\s", re.I)
# What a sum is of, named after the last preposition right before it: what is given ("… with a
# top-up of $200", "with an annual payout of"), what leads to it aside ("given her in-principle
# support for the proposed draw of up to $11 billion", "In exchange for an up-front payment of",
# "equivalent to the annual emissions of about 7,400 cars", "up to a cap of"), what it is held
# under ("$44.0 billion was repurchased under the Company's previous share repurchase program of
# up to $210 billion": previous share repurchase program).
_WITH_A = regex(
    r"\b(?:with|for|to|under)\s+(?:the\s+Company[’']s|an?|the|its|their|our)\s+"
    r"((?:[\w’'-]+\s+){0,3}[\w’'-]+)\s+of\s*$"
)


# What 股 begins when it counts no shares: 股指 (an index), 股票, 股份, 股东, 股权, 股市, 股价.
_NOT_SHARES = tuple("指票份东权市价")
# The classifiers of "the top N" (前五名客户, 前十大股东, 前三家): a group named, not a count.
_TOP_UNITS = frozenset(("名", "位", "大", "家"))
# What names the digits after it: 股票代码：600000, 邮政编码 310000, 电话 | 0575-8512…
_CODE_WORDS = ("代码", "编码", "编号", "号码", "电话", "传真", "邮编")


def _names_the_top(masked: str, start: int, end: int, unit: str) -> bool:
    """Tell whether a count names the top of a list (前五名客户, 前10名股东, 前十大股东) rather
    than counts: 前 before it, a noun after (位居全省前三位。 is a rank)."""
    return (
        unit in _TOP_UNITS and masked[start - 1 : start] == "前" and _has_cjk(masked[end : end + 1])
    )


_CLOCK_HOUR = regex(r"(?<![\d.])\d{1,2}[时点]$")


def _stands(masked: str, raw: _Raw, text: str, digits: str) -> bool:
    """Decide whether a parsed number states a quantity, not a year, version, name or code."""
    if raw.unit == "周年":
        return False  # 建党100周年: an anniversary, an ordinal of the event
    if raw.unit == "年" and (
        masked.startswith(("前", "来", "以来"), raw.end) or masked.endswith("经过", 0, raw.start)
    ):
        return False  # 相当于5年前, 6年来最低, 经过30多年的努力: when, not how much
    if raw.unit in ("分钟", "小时") and _REACH.match(masked, raw.end):
        return False  # 15分钟社区生活圈, 1小时交通圈: the name of a reach
    if raw.unit in ("岁", "周岁") and raw.qualifier and _AGE_GROUP.match(masked, raw.end):
        return False  # 15岁以上人口, 3岁以下婴幼儿: who is counted, not a figure
    if raw.qualifier in _CLASS_BOUNDS and _CLASS_COUNTED.match(masked, raw.end):
        return False  # 10亿元以上重大项目12个, 超10亿元项目12个: which are counted, not a sum
    if (
        raw.unit == "年"
        and _SCHOOLING.match(masked, raw.end)
        and not masked.endswith(("连续", "近", "过去", "前"), 0, raw.start)  # 连续15年教育投入
    ):
        return False  # 接受15年教育, 九年义务教育: the name of a kind of schooling
    if masked[raw.start - 1 : raw.start] == "每":
        return False  # 每50公斤提高7.4元: the 50 is the measure the price is stated per
    if _names_the_top(masked, raw.start, raw.end, raw.unit):
        return False  # 前10名股东: which are meant (the top ten), not a figure
    # 营业成本（注1）, 表1 2021年主要农产品产量, 详见附件1: a note's, a table's, an annex's mark
    if masked[raw.start - 1 : raw.start] in ("注", "表", "图", "件") and not raw.unit:
        return False
    if raw.unit == "分" and _CLOCK_HOUR.search(masked, max(0, raw.start - 3), raw.start):
        return False  # 上午9时30分: a time of day, not a score
    if raw.unit.endswith("股") and masked.startswith(_NOT_SHARES, raw.end):
        return False  # 沪深300股指期权: an index's name (股指, 股票, 股份 are no shares counted)
    if masked[max(0, raw.start - 12) : raw.start].rstrip(" \t：:|").endswith(_CODE_WORDS):
        return False  # 股票代码：600000, 股票代码 | 600000: a name in digits, not a quantity
    if (
        (not raw.unit or (_is_english_unit(raw.unit) and raw.unit != "%"))
        and not raw.currency
        and _AGED.search(masked, max(0, raw.start - AGED_CHARS), raw.start)
    ):
        return False  # workers aged 55 to 70: who is meant, not a figure
    english = _is_english_unit(raw.unit)
    word_unit = raw.unit in ("年", "") or english
    if word_unit and not raw.scale and not raw.currency and _is_year(raw.value, text):
        return False  # 2021年, fiscal 2017, 2014 debt issuance, 2015 debt issuances
    if _is_version(masked, raw, digits):
        return False
    if not raw.unit and not raw.scale and not raw.currency and raw.upper is None:
        return _keep_bare(masked, raw, digits)
    if english:
        return not _after_name(masked, raw, digits)
    return True


def _skip_token(masked: str, pos: int) -> int:
    """Return the end of the letter/digit run at pos, so no part of a name is read as a number."""
    m = _TOKEN_REST.match(masked, pos)
    return m.end() if m else pos


# "between 4% and 6%": a range, as "4% to 6%" is.
_BETWEEN = regex(r"\bbetween\s+$", re.IGNORECASE)
_AND = regex(r"\s+and\s+", re.IGNORECASE)


def _between_and(masked: str, first: _Raw) -> re.Match[str] | None:
    """Return the "and" after `first` when "between" comes just before it, else None."""
    if not _BETWEEN.search(masked, max(0, first.start - 9), first.start):
        return None
    return _AND.match(masked, first.end)


def _year_range(masked: str, first: _Raw, sep: re.Match[str]) -> bool:
    """Tell whether `first`, followed by the range separator sep, opens a span such as 2021-2023年."""
    if not _is_year(first.value, str(first.value)):
        return False
    return _YEAR.match(masked, sep.end()) is not None


# --------------------------------------------------------------------------- fractions

# A share written as a fraction is a percent, as written: 三分之一 is 33.3…%, 万分之五 0.05%;
# 千分之三 is 3‰, as 3‰ is read (百分之 is read by the scanner). Proper fractions only (三分之四
# is none).
_FRACTION_CN = regex(
    rf"(?<![{CN_DIGITS}万])(?P<den>[〇零一二两三四五六七八九十千万]+)分之"
    rf"(?P<num>{CN_NUM}(?:点[{CN_DIGITS}]+)?)"
)
_PER_MILLE = Decimal(1000)
_CN_DENOMINATORS = {"千": _PER_MILLE, "万": Decimal(10_000), "十万": Decimal(100_000)}
# 1/3 and 2/3, not a date (1/3/2022), a year's span (2021/22, FY2021/22), 24/7 or 9/11: in
# Chinese text (减少1/3) or before "of" (1/3 of schools), and not a page (第1/10页).
_FRACTION_SLASH = regex(
    r"(?<![A-Za-z0-9.,/\-])([1-9][0-9]?)/([1-9][0-9]{0,2})(?![A-Za-z0-9/]|[.,][0-9])"
)
# one third, two-thirds, a quarter of, three quarters of (thirds and quarters only, in lower
# case: each word looked for costs a scan of every sentence); in words a fraction is a share when
# it is hyphenated, is "of" something (not "of a"/"of an": a quarter of a million is a count) or
# is what a change was by ("cut by one third"). Found by its second word, then the first read
# back: a regex that starts with the first word tries every letter of the text.
_EN_DENOMINATOR = regex(r"[ -](thirds?|quarters?)\b")
_EN_NUMERATOR = regex(r"(?i)\b(one|a|two|three)$")
_EN_NUMERATORS = {"one": 1, "a": 1, "two": 2, "three": 3}
_EN_DENOMINATORS = {"third": 3, "quarter": 4}
_OF_SOMETHING = regex(r"\s+of\s+(?!an?\s)")
_OF_A = regex(r"-?\s*of\s+an?\s")
# The first three quarters of 2021, the top one-third of the workforce: a part named, no share.
_PART_NAMED = regex(
    r"(?i:\b(?:first|last|next|past|previous|remaining|following|final|top|bottom)\s+$)"
)
_BY_BEFORE = regex(r"(?i:\bby\s+$)")
_PRE_QUAL_CN_AT_END = regex(f"(?:{PRE_QUAL_CN})$")
_PRE_QUAL_EN_AT_END = regex(rf"(?i:\b(?:{PRE_QUAL_EN})\s+$)")
_AFTER_FRACTION_CN = regex(r"[ \u3000]?(以上|以内|以下|左右)")


def _may_hold_fraction(text: str) -> bool:
    """Tell whether text may hold a fraction: literal tests, cheap enough for every sentence."""
    return "分之" in text or "/" in text or _may_hold_en_fraction(text)


def _may_hold_en_fraction(text: str) -> bool:
    """Tell whether text may hold a fraction in words (the only figures without a digit)."""
    return "third" in text or "quarter" in text


def _fractions(masked: str) -> list[_Raw]:
    """Return the shares written as fractions (each form looked for only when a literal test
    finds its mark)."""
    found: list[_Raw | None] = []
    if "分之" in masked:
        found += [_fraction_cn(masked, m) for m in _FRACTION_CN.finditer(masked)]
    if "/" in masked:
        found += [_fraction_slash(masked, m) for m in _FRACTION_SLASH.finditer(masked)]
    if _may_hold_en_fraction(masked):
        found += [_fraction_en(masked, m) for m in _EN_DENOMINATOR.finditer(masked)]
    return [raw for raw in found if raw is not None]


def _share(masked: str, start: int, end: int, num: Decimal, den: Decimal, *, chinese: bool) -> _Raw:
    """Return the fraction num/den at masked[start:end] as a percent (per mille when it is
    written so: 千分之三 is 3‰, as 百分之三 is 3%), with its qualifier."""
    qualifier = ""
    if chinese:
        if pre := _PRE_QUAL_CN_AT_END.search(masked, max(0, start - 3), start):
            qualifier, start = pre.group(), pre.start()  # 约三分之一
        if post := _AFTER_FRACTION_CN.match(masked, end):
            qualifier, end = post.group(1), post.end()  # 三分之一以上
    elif pre := _PRE_QUAL_EN_AT_END.search(masked, max(0, start - 20), start):
        qualifier, start = pre.group().strip(), pre.start()  # about two-thirds
    if den == _PER_MILLE and chinese:
        return _Raw(start, end, num, "‰", qualifier=qualifier)
    return _Raw(start, end, num * 100 / den, "%", qualifier=qualifier, kind=MetricKind.PERCENT)


def _fraction_cn(masked: str, m: re.Match[str]) -> _Raw | None:
    """Read 三分之一, 千分之三 as a share; None when it is no proper fraction."""
    den = _CN_DENOMINATORS.get(m["den"]) or _cn_value(m["den"])
    num = _cn_value(m["num"])
    if not den or not num or num >= den:
        return None
    return _share(masked, m.start(), m.end(), num, den, chinese=True)


def _fraction_slash(masked: str, m: re.Match[str]) -> _Raw | None:
    """Read 1/3 as a share in Chinese text or before "of"; None for a date, a span or a page."""
    num, den = int(m.group(1)), int(m.group(2))
    if num >= den:
        return None  # 24/7, 2021/22
    before, after = masked[m.start() - 1 : m.start()], masked[m.end() : m.end() + 1]
    chinese = (_is_cjk(before) and before != "第") or (_is_cjk(after) and after != "页")
    if not chinese and not _OF_SOMETHING.match(masked, m.end()):
        return None
    return _share(masked, m.start(), m.end(), Decimal(num), Decimal(den), chinese=chinese)


def _fraction_en(masked: str, m: re.Match[str]) -> _Raw | None:
    """Read "one third", "two-thirds of" as a share; None for an ordinal ("a third key
    enabler"), a part named ("the first three quarters of"), or a count ("a quarter of a
    million")."""
    numerator = _EN_NUMERATOR.search(masked, max(0, m.start() - 5), m.start())
    if numerator is None:
        return None
    start, word = numerator.start(), numerator.group(1).lower()
    hyphen, part = masked[m.start()] == "-", m.group(1)
    num, den = _EN_NUMERATORS[word], _EN_DENOMINATORS[part.rstrip("s")]
    if num >= den or (num > 1) != part.endswith("s"):
        return None  # three thirds, two third
    if part == "quarters" and num != 3:
        return None  # two quarters of growth: a time
    before = masked[max(0, start - 12) : start]
    if _PART_NAMED.search(before) or _OF_A.match(masked, m.end()):
        return None
    of = _OF_SOMETHING.match(masked, m.end()) is not None
    if not (of or (hyphen and word != "a") or _BY_BEFORE.search(before)):
        return None
    return _share(masked, start, m.end(), Decimal(num), Decimal(den), chinese=False)


def _rank(masked: str, m: re.Match[str], last_scope: str) -> _Raw | None:
    """Read 全省第二 / 第3位 as a rank; None for ordinals like 第六届, 第一批, 第一时间."""
    rnum = m["rnum"]
    after = masked[m.end() : m.end() + 1]
    if not m["rctr"]:
        if after and (_is_cjk(after) and after not in "的和及与") or after.isalnum():
            return None  # 第六届, 第一批, 第37个, 第三代: an ordinal, not a place in a ranking
        before = masked[: m.start()].rstrip()
        if (
            not m["rscope"]
            and (not before or before[-1] in "，,；;。：:、\x00")
            and after in "，,、"
        ):
            return None  # 第一，… 第二，…: an enumeration
    value = _decimal(rnum) if rnum[0] in "0123456789０１２３４５６７８９" else _cn_value(rnum)
    if value is None or value <= 0:
        return None
    return _Raw(m.start(), m.end(), value, m["rscope"] or last_scope, kind=MetricKind.RANK)


def _ratio(masked: str, m: re.Match[str]) -> _Raw | None:
    """Read 1:1 or 1∶5 as a ratio (value = left / right); None for clock times."""
    after = masked[m.end() : m.end() + 6].lower()
    before = masked[max(0, m.start() - 3) : m.start()].lower()
    if _CLOCK.match(after) or before.endswith("at "):
        return None
    if _CLOCK_TIME.fullmatch(m.group()) and _AFTER_A_DAY.search(masked, 0, m.start()):
        return None  # 1月10日10:30, 2022-01-10 10:23, 上午9:00: a time of day
    left, right = _decimal(m["ra"]), _decimal(m["rb"])
    if left is None or not right:
        return None
    return _Raw(m.start(), m.end(), left / right, ":", kind=MetricKind.RATIO)


def _chinese_count(masked: str, m: re.Match[str]) -> _Raw | None:
    """Read 两个 / 三项 / 十二所 / 五所 as a count; None for 一个, 百家, 两个100%, 五位一体."""
    cnnum, scale = m["cnnum"], m["cnscale"] or ""
    if (cnnum == "一" and not scale) or cnnum in ("百", "千", "十百", "百千"):
        return None  # 一个/一批 are "a" (一万个 is 10,000); bare 百/千 are idioms (千家万户, 百花)
    if m["cnunit"] not in CLASSIFIERS_CN and not scale and not _CN_TENS.search(cnnum):
        return None  # 二元结构, 一吨半: a sum or measure in words is of ten or more, or scaled
    after = masked[m.end() : m.end() + 1]
    if after and (after in CN_DIGITS or after.isdigit()):
        return None  # 两个100%, 七个一百: the count counts the quantity that follows
    if _is_session(masked, m):
        return None
    if m["cnunit"] == "周" and after == "年":
        return None  # 成立六十周年: an anniversary, as 100周年 is (_stands)
    if _names_the_top(masked, m.start(), m.end(), m["cnunit"]):
        return None  # 前五名客户: the top five customers
    value = _cn_value(cnnum)
    if value is None:
        return None
    unit = scale + m["cnunit"]
    return _Raw(
        m.start(), m.end(), value, unit, scale, m["cnq"] or "", classifier=m["cnunit"] in COUNTERS
    )


_CN_TENS = regex("[十百千万]")


# 十五届人大二次会议: the 15th congress's second session, ordinals without 第.
_BODIES = tuple(
    _words("人大 全国人大 政协 党代会 人代会 全会 中央 委员会 常委会 市委 省委 区委 县委")
)


def _is_session(masked: str, m: re.Match[str]) -> bool:
    """Tell 十五届人大 and 人大二次会议 (which congress, which session) from 三届 and 三次 counted."""
    unit = m["cnunit"]
    if unit == "届":
        return masked.startswith(_BODIES, m.end())
    if unit == "次":
        # 人大二次会议, 十三届四次会议, 市委八次全会 (but 召开三次会议: three meetings)
        return masked.startswith(("会议", "全会", "全体会议"), m.end()) and masked.endswith(
            (*_BODIES, "届"), 0, m.start()
        )
    return False


# --------------------------------------------------------------------------- kinds and labels

_LEAD_WORDS = (
    # 较上年同期增长23.46%: the comparison, not a label (it left 同期)
    "比上年同期|较上年同期|比去年同期|较去年同期|与上年同期相比|与去年同期相比|"
    "比上年末|较上年末|比上年底|较上年底|比去年末|比去年底|"  # 比上年末增加48万人: no 末
    "同口径|可比口径|"  # 同口径增长13.9%: how it is compared
    "全市|全省|全区(?![域间])|全县|全年|今年末|今年底|去年同期|去年末|去年底|年末|年底|年初|今年|去年|当年|现在|目前|"
    "我(?:市|省|区|县|局|委|厅|办|校|院|们)|"  # 我局共有干部职工85人: the writer, not the label
    "其中|中(?=[已有共均])|先后|已经|已|共计|共有|拥有|现有|共(?![建同享])|累计|总计|合计|同时|并且|并|"
    "还|又|再|也要|也(?!门)|要(?![求素点闻害])|但是|但|均|继续|全面推进|全面|提前完成|率先|在(?![校园建职读岗线编册押途])|"
    "从(?![业事])|对(?![外口])|和|及|与|、|确保|力争|"
    "争取|计划|预计|提出|目标|其|另有|另|面对|比上年预计数|比上年预算|比去年预算|比改革前|"
    "拟安排(?=[\u4e00-\u9fff]{2})|安排(?=[\u4e00-\u9fff]{2})|"  # 拟安排财政赤字9000亿元
    "比上年|较上年|同比|环比|分别|就(?![业医读诊近地餐])|"  # not 就业率
    "新一轮|实施|实现|推进|推动|助力|完成(?![率额量值])|做到了|做到|"  # not 完成率达到98%
    "开展|组织|进一步|把(?![关握])|将(?![军士领])|由(?!于)|的|使(?![用命馆])|让(?![利渡])|"
    "一是|二是|三是|四是|五是|六是|七是|八是|九是|十是|"  # 三是将18项行政事业性收费的…
    "是(?=在)|"  # 是在我国经济总量超过60万亿元的高基数上
    "过去五年|近五年|近三年|五年来|五年(?![前后级制度内中])|三年(?![前后级制度内中])|两年(?![前后级制度内中])"
)
# (The years at the start, 五年全国新增城镇就业, are told by over_years.)
_LEAD_STRIP = regex(f"^(?:{_LEAD_WORDS})")
_TRAIL_WORDS = (
    "达到|(?<!身)高达|达|为|是|均为|均达|均列|由|分别为|分别|共计|共有|已有|已经|共|累计|总计|约|有|超过|了|的|等|"
    "控制在|在|到|至|增长|增加|提高|提升|上升|下降|降低|降|减少|回落|跃升|同比|环比|"
    "比上年预算|比去年预算|较上年预算|比上年|较上年|实际|"  # 赤字规模比上年预算(减少1500亿元)
    "全省|全国|全市|全球|国际|世界|省内|国内|位列|位居|名列|并列|列|再居|稳居|居|排名|保持|跃居|"
    "升至|上升到|蝉联|拟|继续|按|"  # 中央预算内投资拟(增加到), 养老金继续(提高10%), 购置税按(7.5%征收)
    "从|上学年|上年同期|去年同期|上年末|上年底|上一?年|去年底|去年末|今年底|年底|年末|现在|目前|去年|今年|斩获|获得|荣获|摘得|夺得|获|新增|平均|人均|每人|均|占|扩大|缩小|缩短|压缩|"
    # 粮食总产量连续6年, 能源消耗强度要降低, 失业率稳定在, 增长目标定为, 资产总额比2002年
    "连续|[都也还更]?要|稳定|(?<=目标)拟?定|(?<=[额量值率入出数])比|"
    "两个|两项|三个|三项|四个|四项|五个|五项|"  # 调处成功率、家长满意率两个100%
    "将|"  # 高校毕业生将(达727万人)
    "又|再|(?<![偿归退返])还|"  # 招收贫困地区农村学生人数又(增长10.5%); not 偿还
    "大幅|明显|显著|稳步|"  # 全市生产总值大幅(下降6.7%): how it moved, not what
    "上涨|下跌|多增|少增|净增|净减|增产|减产|升值|贬值|平均为|"  # 居民消费价格上涨0.9%, …多增83万人
    "完成"  # 一般公共预算收入完成612.3亿元
)
_TRAIL_COMPARED = (
    "(?:比|较)(?:上年同期|上年末|上年底|上年|去年同期|去年末|去年底|去年|同期|年初|上一?届|首届|[^，,；;比]{1,5}年前?)"
    # 低于上年末的(5.1%): last year's figure after its comparison (see _said_of_last_year)
    "|(?:低于|高于|少于|多于|好于|优于)(?:上年同期|上年末|上年底|上年|去年同期|去年末|去年底|去年)"
)
# A figure for several years together: stated after 五年来, 过去五年, 近三年, 前四年累计 (not
# 二〇一二年, 五年前, 三年制, 三年行动计划, 连续两年) anywhere before it in its sentence, or after
# 年均 or 比2002年 (long before the report's year) in its own clause. A bare 累计 is left out: a
# running total compares with last year's.
_SPAN_OF_YEARS = regex(
    r"(?<![〇零一二三四五六七八九十])(?<!连续)[两二三四五六七八九十]年"
    r"(?![前后级制]|行动|计划|规划|攻坚)"
)
# 五年 (the figure is the years' together: see over_years) and 每人每年 (per head and year) say
# how the figure is counted, not what; 连续两年 (two years running) how long it held
# (粮食产量达到6.07亿吨，连续两年超过1.2万亿斤: both are 粮食产量).
_TRAIL_YEARS = (
    f"{_SPAN_OF_YEARS.pattern}|(?:每人|人均)?每年|(?:每人|每生|人均)每[月天日]|"
    "连续[两二三四五六七八九十]年"
)
_TRAIL_STRIP = regex(f"(?:{_TRAIL_WORDS}|(?<=[赛会动])中|年均|{_TRAIL_COMPARED}|{_TRAIL_YEARS})$")
# Every word above starts with a plain character: a label that starts with none of these is
# not searched.
_LEAD_FIRST = {word[0] for word in _LEAD_WORDS.split("|")}
# The longest match of _TRAIL_STRIP (a test holds it to that) and, by the character it ends
# with, the longest match ending so: a label ending otherwise is not searched, and one that
# does only over its last few characters.
_TRAIL_WIDTH = 8  # 比 + five characters + 年前


def _longest_by_last(words: list[str]) -> dict[str, int]:
    """Return, by last character, the length of the longest word ending with it."""
    spans: dict[str, int] = {}
    for word in words:
        spans[word[-1]] = max(spans.get(word[-1], 0), len(word))
    return spans


# The compared part (比…) ends with 期, 年, 届, 前, 末, 底 or 初 and is the longest; 中 and 年均
# as written.
_TRAIL_SPAN = _longest_by_last([*_TRAIL_WORDS.split("|"), "中", "年均"])
_TRAIL_SPAN |= dict.fromkeys("期年届前末底初", _TRAIL_WIDTH)
_TRAIL_SPAN |= dict.fromkeys("月天日", 4)  # 每人每月, 每生每天
# A prize's tier, which a list of prizes names alone after the first (一等奖3个、二等奖1个).
_PRIZE_TIER = regex("[一二三四特]等奖|[金银铜]奖|优秀奖")
# A share that says not of what: the figure before it in its sentence says.
_BARE_SHARES = {"比例", "比重", "占比"}
_SHARE_ENDS = ("比例", "比重")
# A whole that is a place (占全省的8.5%), and groups named after each other by one measure.
_SCOPE_WHOLE = regex("占(全国|全省|全市|全区|全县|全球|世界)的?")
_OTHER_GROUP = {
    "农村居民": "城镇居民",
    "城镇居民": "农村居民",
    "农村": "城镇",
    "城镇": "农村",
    "农民": "城镇居民",
}
# A rate of change named alone (增速位居全市第二) is the figure's before it.
_BARE_RATES = {"增速", "增幅", "涨幅", "降幅", "增长率"}
# A label that says only how often (平均每天, 每年, 日均).
_PER_TIME = regex("(?:平均|日均|月均|年均)?每?(?:天|日|月|年|周|小时)")
_LENGTHS_AND_AREAS = {unit for unit, (family, _) in UNIT_SIZES.items() if family in ("米", "亩")}
_VERB_END = regex(
    r"(?:成立|建立|组建|选派|推荐|遴选|评选|选树|培育|共建|新建|确定|完成|完善|涉及|结对|斩获|获得|"
    r"获|开展|举办|组织|推出|发布|认定|培养|选拔|聘任|接纳|打造|设立|新增|增加|增设|建成|建设|实施|"
    r"启动|出台|制定|制订|印发|创建|引进|拥有|有|达|达到|为|是|推进|招收|录取|培训|受理|办理|参加|"
    r"参与|发出|签订|投入|资助|补助|立项|支持|处理|查出|择优推荐|牵头成立|用好|严守|发挥)$"
)
# Verbs of reach, a bare label only alone (惠及90%的在校生: 在校生); after a subject they stay
# (学生营养改善计划惠及3000万孩子).
_REACHES = {"惠及", "覆盖"}
# A label that says only who puts money in (中央财政拟安排, 今年将投入), and the fund the sum
# makes, named right after it (1300亿元灾后重建资金, 200亿元技改专项资金; not a bare 资金).
_PAYERS = "中央财政|国家财政|地方财政|各级财政|各级政府|中央|财政"
_ALLOCATES = regex(f"(?:{_PAYERS})?(?:今年)?(?:将|拟|再|还|为此将)?(?:安排|投入|下达)")
_PAYER = regex(_PAYERS)  # a label of who pays alone: 把中央财政的400亿元补贴资金用好
_FUND_ENDS = ("投入", "资金", "经费", "支出", "补助")  # what a sum is put into
_FUND = regex("[\u4e00-\u9fff]{1,10}?(?:资金|款|经费)")


def without_payers(text: str) -> str:
    """Return text with every naming of who puts money in (中央财政拟安排, 投入) cut out."""
    return _ALLOCATES.sub("，", text)


def paid_for(label: str) -> str | None:
    """Return what a label that names who puts the money in says the sum is for: the fund after
    it (中央财政安排救灾款: 救灾款), "" when it names only who pays (中央财政安排, 拟投入, 中央财政), None
    for any other label."""
    payer = _ALLOCATES.match(label)
    if payer is None:
        return "" if _PAYER.fullmatch(label) else None
    rest = label[payer.end() :]
    return rest if not rest or _FUND.fullmatch(rest) else None


# What a figure is part of, after 的: not what it counts (新建中小学6所的任务).
_WHOLE_NOUN = regex("任务|目标|工作|情况下?|问题|要求|基础上")
# What goes on after a figure that counts no noun: a verb of change (88个增加到, 600元提高到)
# or an adverb (20所已完成改造, 3所均通过验收).
_GOES_ON = regex(r"增加|增长|提高|提升|扩大|减少|下降|降低|上升|达到|到|至|已|均|都|全部|分别")
_NOUN_CUT_WORDS = (
    r"参与|参加|开展|实现|完成|被|获|进入|成功|列入|入选|结对|共建|分别|均|已|全部|启动|达到|成为|赴|"
    r"对口|认定|吸引|举办|(?<!公)共|(?<![高初小大集])中(?![心学医央小等职])|和|与(?![\u4e00-\u9fff])|及|通过|"
    # 15个研发与转化功能型平台: 与 inside a name joins what the name's head is for
    r"涉及|接受|创建|提前|全?覆盖|"
    # 12所在绍高校紧紧抓住…, 100篇优秀作品并汇编成册
    r"紧紧|抓住|积极|切实|深入|持续|不断|主动|率先|(?<![合兼])并(?!购)|不动摇|"
    # 1260万农村户籍孩子在城市接受义务教育 (but 在校生, 在园儿童, 在建项目 are nouns)
    r"在(?![校园建职读岗线编册押途])"
)
_NOUN_CUT = regex(f"{_NOUN_CUT_WORDS}|为")
# Where the people counted are, right after them (1亿人在中西部地区…): no noun of theirs.
_AT_PLACE = regex("在(?![校园建职读岗线编册押途])")
# A conjunction right before a figure (not the end of a verb: 惠及, 涉及, 普及).
_AND_BEFORE = regex("(?:和|与|(?<![惠涉普波遍危顾论提])及)$")
# A noun after a figure that opens with a conjunction is the next figure's (和助餐场所217个), but
# 和谐, 和美 and 和平 are words of their own (10个和美乡村).
_JOINS_NEXT = regex("[和与及或](?![谐美平睦])")
# 两次被评为…优胜窗口: after 被, 为 belongs to the verb (评为), and what follows is what was won.
_PASSIVE_NOUN_CUT = regex(_NOUN_CUT_WORDS)
_EN_TRAIL = set(
    _words(
        """increased increase increases decreased decrease decreases rose rise rises fell fall grew
    grow growth declined decline was were is are of by to at totaled totalled reached be been during
    should could would will may might can must stands stood
    approximately about around nearly almost some an a the and or from up down over under more
    than less at least close will would had has have spent paid provide set aside between with totalling
    totaling worth contracted shrunk shrank expanded doubled tripled halved jumped projected
    expected estimated cost only already respectively today improved improve improves
    improving rising falling climbed dropped gained lost reduced eased widened narrowed
    recovered in across within among throughout remained remains stayed stays steady stable flat
    high strong robust healthy went gone came picked edged ticked rebounded advanced surged
    soared tumbled slumped plunged plummeted slipped dipped accelerated shrunk"""
    )
)


def _clean_cn(text: str, *, strip: bool = True) -> str:
    """Strip fillers, parentheticals, titles, years and event ordinals from a label."""
    if _LABEL_DROP_HINT.search(text):
        text = _LABEL_DROP.sub("", text)
    if "在" in text:
        text = _CONDITION.sub("", text)  # 收入在更大规模减税降费的情况下(下降1.7%)
    for _ in range(6 if strip else 0):
        new = text
        if new[:1] in _LEAD_FIRST and (lead := _LEAD_STRIP.match(new)):
            new = new[lead.end() :]
        # _TRAIL_STRIP matches at the end ($; the text has no newline left by now).
        span = _TRAIL_SPAN.get(new[-1:])
        if span and (trail := _TRAIL_STRIP.search(new, max(0, len(new) - span))):
            new = new[: trail.start()] + new[trail.end() :]
        if new == text:
            break
        text = new
    text = text.strip("、，,：:")
    return "" if text in ("比", "较") else text  # 比2002年增长65.5%: the year is dropped


# Pronouns and prepositions: a label of these alone names nothing.
_EN_EMPTY = set(
    _words(
        """i we you he she it they this that these those our my its their in on at of for to by
    with from as into per which who whom whose what there here"""
    )
)


# Who acts and how, before what a figure measures: "I will therefore raise our carbon tax",
# "Eligible HDB households will receive additional rebates of up to $285".
_EN_SUBJECTS = set(_words("i we you he she they"))
_EN_ASIDES = set(_words("will would shall can also therefore currently further now had have has"))
_EN_GIVING = set(
    _words(
        """receive provide spend raise increase introduce distribute extend maintain see get give
    allocate invest offer expect estimate"""
    )
)
_EN_VAGUE = set(_words("additional another extra further more average total"))
_EN_LEAD = set(_words("and the or of a an with"))
# A time that opens a clause ("Last year, this became 16%"): which one, and its span.
_EN_WHICH = frozenset(("last", "this", "next", "that", "each", "every"))
_EN_SPANS = frozenset(("year", "month", "quarter", "week"))


def _opens_with_a_time(words: list[str]) -> bool:
    """Tell whether words open with a time ("Last year", "This quarter"), not a name."""
    return len(words) > 1 and words[0].lower() in _EN_WHICH and words[1] in _EN_SPANS


# Words that open what qualifies a name before them ("value as of …", "payments for …"), and
# how many words more a label may take to reach that name.
_EN_PHRASE_STARTS = set(_words("as for in at to on from under"))
NAME_BEFORE_WORDS = 3
_EN_BRINGS = frozenset(("brings", "bring", "brought"))  # "This brings the total … to"
_EN_DET = set(_words("the a an our its their"))
_EN_OBJECT_LEAD = _EN_LEAD | set(_words("our their its this these aside up"))


def _what_is_measured(words: list[str]) -> list[str]:
    """Return the words after who acts and the verb (I will provide / households will receive),
    or all of them."""
    lowered = [word.lower() for word in words]
    if len(lowered) > 1 and lowered[0] in ("and", "but", "so") and lowered[1] in _EN_SUBJECTS:
        words, lowered = words[1:], lowered[1:]  # "…, and we expect an overall deficit of"
    if lowered and lowered[0] in _EN_SUBJECTS:
        verb = 1
        while verb < len(words) - 1 and (
            lowered[verb] in _EN_ASIDES or lowered[verb].endswith("ly")  # progressively
        ):
            verb += 1
    else:
        modal = next((k for k, word in enumerate(lowered) if word in ("will", "would")), None)
        if modal is None:
            return words
        verb = modal + 2 if lowered[modal + 1 : modal + 2] == ["also"] else modal + 1
        if lowered[verb : verb + 1] and lowered[verb] not in _EN_GIVING:
            return words
    # The verb goes, unless nothing follows it; so do the words that lead to what it governs.
    what = words[verb + 1 :] if verb < len(words) - 1 else words
    while what and what[0].lower() in _EN_OBJECT_LEAD:
        what = what[1:]
    return what


# Words that say which figure is meant, after "the" or "from" (from the current $330).
_EN_OF_THE_FIGURE = set(_words("current just existing previous present"))


# Verbs that end a subject, when all that follows them is the verb that leads to the figure:
# what comes before is what the figure measures ("the resident unemployment rate has come down
# to 3.2%", "the minimum qualifying salary for new EP applicants will be raised from the
# current $4,500"). A verb that governs words of its own ("will have to pay their employees at
# least the Local Qualifying Salary of") keeps the label as it is.
_EN_AUXILIARIES = set(
    _words("is are was were has have had will would shall became becomes remains remained")
)
_EN_LEADING_VERB = set(
    _words(
        """be been being also still now already further then come become risen fallen grown
    exceed exceeded"""
    )
)


def _before_verb(words: list[str]) -> list[str]:
    """Return the words before a subject's verb that only leads to the figure (see
    _EN_AUXILIARIES), or all of them."""
    for k, word in enumerate(words[1:], start=1):
        if word.lower() in _EN_AUXILIARIES:
            rest = words[k + 1 :]
            while rest and (rest[-1].lower() in _EN_TRAIL or rest[-1] in _EN_OF_THE_FIGURE):
                rest.pop()
            leads = all(
                w.islower() and (w in _EN_LEADING_VERB or w.endswith(("ed", "en"))) for w in rest
            )
            return words[:k] if leads and len(rest) <= 2 else words
    return words


_EN_ACCOUNTED = set(_words("accounted account accounts"))
_EN_RELATIVES = set(_words("which that who each"))


# A sentence that opens with a pronoun and its verb says what "this" is, after them: "This is
# a net increase of $1.7 billion", "This is mainly due to a reduced expenditure of $10 billion",
# but "This will reduce" keeps its subject (see _acts_only_en). "Our economy" is the economy.
_EN_PRONOUN_SUBJECTS = ("This", "That", "It", "These", "Those")
_EN_PRONOUN_VERBS = set(_words("is was are were means meant"))  # not "This will reduce"
_EN_PRONOUN_LINKS = set(_words("that mainly largely partly primarily due to a an the also"))
_EN_POSSESSIVES = set(_words("our their its my your"))


def _without_pronoun_subject(words: list[str]) -> list[str]:
    """Return a label's words without a pronoun subject and its verb ("This is a net" -> net),
    or without a possessive that opens it ("Our social spending in particular" -> social
    spending)."""
    if len(words) > 1 and words[0].lower() in _EN_POSSESSIVES:
        words = words[1:]
    if words[-2:] == ["in", "particular"]:
        words = words[:-2]
    if len(words) > 2 and words[0] in _EN_PRONOUN_SUBJECTS and words[1] in _EN_PRONOUN_VERBS:
        k = 2
        while k < len(words) and words[k].lower() in _EN_PRONOUN_LINKS:
            k += 1
        return words[k:]
    return words


# Words before English figures cleaned, by text: a table's rows are named by their first cell
# once for each of their figures (Apple's 10-K asks 5,974 times for 578 texts).
CLEANED_EN_CACHE = 4096


@functools.lru_cache(maxsize=CLEANED_EN_CACHE)
def _clean_en(text: str, limit: int = 8) -> str:
    """Keep the last words (`limit` at most) before an English number, without verbs and
    fillers at the end, and without who acts at the start ("I expect an overall deficit of" ->
    overall deficit). Cached: a pure function of its arguments."""
    words = _EN_WORDS.findall(text)
    if (
        len(words) > 2
        and words[-1] == "for"
        and words[-2] in _EN_ACCOUNTED
        and words[-3].lower() not in _EN_RELATIVES
    ):
        # "its direct and indirect distribution channels accounted for 71%": what accounted
        # for the share is what it measures ("…, which accounted for 47%" is a relative
        # clause's: see _relative_label)
        words = words[:-2]
    elif (
        len(words) > 2
        and words[-1] == "to"
        and words[-2] in ("amounted", "amounting")
        and words[-3].lower() not in _EN_RELATIVES
    ):
        # "Revenue for the year amounted to HK$12,345 million": the verb names nothing ("…,
        # which amounted to $620 million" is a relative clause's: see _relative_label)
        words = words[:-2]
    # A year is no word: what it leaves (FY of FY2020, end- of end-2020) goes with the fillers.
    while words and (
        words[-1].lower() in _EN_TRAIL
        or words[-1] == "FY"
        or words[-1][-1] == "-"
        # "the Tier 1 levy from the current $330": current says when, of the figure (but a
        # table's row "Current" is a name)
        or (words[-1] in _EN_OF_THE_FIGURE and len(words) > 1 and words[-2].lower() in _EN_TRAIL)
    ):
        words.pop()
    what = _what_is_measured(words)
    if not all(word.lower() in _EN_VAGUE for word in what):
        words = what  # not "I will allocate an additional $5.4 billion": additional says nothing
    if what is words:
        words = _before_verb(words)
    if len(words) > 2 and words[0].endswith("ing") and words[0][1:].islower():
        # "bringing the total for the year to 18.0p": total for the year; "Putting together
        # the proposed draw of up to $11 billion": proposed draw
        # (a capitalised gerund only with its particle: "Housing the poor" may be a subject)
        verb = 2 if words[1] in _EN_PARTICLES or words[1] == "together" else 1
        if len(words) > verb + 1 and words[verb] in _EN_DET and (verb == 2 or words[0].islower()):
            words = words[verb:]
    while words and words[0].lower() in _EN_LEAD:
        words.pop(0)
    while len(words) > 2 and _opens_with_a_time(words):
        del words[:2]  # "Last year, this became 16%": when, not what
    words = _without_pronoun_subject(words)
    k = 1 if words and words[0].capitalize() in _EN_PRONOUN_SUBJECTS else 0
    if len(words) > k + 2 and words[k] in _EN_BRINGS and words[k + 1] in _EN_DET:
        # "This brings the total expected draw on past reserves to up to $42.9 billion"
        words = words[k + 2 :]
    if all(word.lower() in _EN_EMPTY for word in words):
        return ""  # "I will set aside $11 billion": I names nothing
    if limit < ROW_LABEL_WORDS:  # prose: a table row's label is a name, not a clause
        words = _after_links_en(words)
    head = max(0, len(words) - limit)
    if head and words[head].lower() in _EN_PHRASE_STARTS:
        # "The fair value as of the respective vesting dates of RSUs was": the last eight open
        # with what qualifies a name. The name is taken too when a few words more reach its
        # start (after the, a, of …): fair value as of …; "would have on the value of" has none.
        start = head
        while (
            start > 0
            and len(words) - start < limit + NAME_BEFORE_WORDS
            and words[start - 1][:1].isalpha()
            and words[start - 1].lower() not in _EN_NOT_A_NAME
        ):
            start -= 1
        if start < head and (start == 0 or words[start - 1].lower() in _EN_NAME_OPENERS):
            head = start
    words = words[head:]
    while len(words) > 1 and words[0].lower() in _EN_LEAD:
        words.pop(0)  # the last eight of "number of OECD countries that levy net wealth taxes"
    # "had authorized" is a verb, "had deferred tax liabilities" a verb and its object
    verb = 2 if len(words) > 3 and words[1] in ("had", "has", "have") else 1
    if (
        len(words) > verb + 1
        and words[0] in _EN_FILERS
        and (
            _is_past_en(words[verb]) or words[verb] in _EN_FILER_PROPOSES
            if verb == 1
            else words[verb] in _EN_FILER_ACTS
        )
    ):
        # "In May 2018, the Company announced a new capital return program of": who acted and
        # how are not what the figure measures (new capital return program), unless that
        # leaves a word that says nothing ("the Company paid a total of": paid a total)
        what = words[verb + 1 :]
        while what and what[0].lower() in _EN_FILER_OBJECT_LEAD:
            what = what[1:]
        words = what if what and not all(w.lower() in _EN_VAGUE for w in what) else words[verb:]
    return " ".join(words)


# Who acts in a filing's sentence ("the Company", "the Company's Board of Directors"), and what
# it had done.
_EN_FILERS = ("Company", "Directors", "Board", "Group")
_EN_FILER_ACTS = set(
    _words("authorized approved announced declared increased raised repurchased issued paid")
)
# What a board proposes to its shareholders, or a group is, in the present ("The Board
# recommends a final dividend of 12.5 pence per share": final dividend; "The Group employs").
_EN_FILER_PROPOSES = set(
    _words("recommends proposes declares announces approves employs operates anticipates estimates")
)
_EN_FILER_OBJECT_LEAD = _EN_OBJECT_LEAD | {"into"}  # "the Company entered into a new ASR to…"


def _after_links_en(words: list[str]) -> list[str]:
    """Return the words after the last that link a figure to the one before it: "…partially
    offset by non-cash adjustments to net income of" (non-cash adjustments to net income),
    "…consisted primarily of cash used to repurchase common stock of", "…to repurchase shares of
    its common stock and paid dividends and dividend equivalents of" (paid dividends and…)."""
    for k in range(len(words) - 2, 0, -1):
        word, following = words[k].lower(), words[k + 1]
        if (word == "by" and words[k - 1].lower() == "offset") or (
            word == "of" and words[k - 1].lower() in _EN_MAINLY
        ):
            return words[k + 1 :]
        if word == "and" and following in _EN_SPENDING and k + 2 < len(words):
            return words[k + 1 :]
    return words


_EN_MAINLY = set(_words("primarily mainly largely principally"))
# What a sum was, as a second verb of its clause ("…and paid dividends of"): not "and related".
_EN_SPENDING = set(
    _words(
        """paid spent repaid issued repurchased returned raised received recorded recognized
    invested contributed distributed acquired sold"""
    )
)


def _is_past_en(word: str) -> bool:
    """Tell whether an English word is a verb's past form (announced, spent), near enough."""
    return word.islower() and (word.endswith("ed") or word in _EN_PAST_IRREGULAR)


# Where an English sentence's subject ends: its first verb.
_EN_SUBJECT_END = set(
    _words(
        """is are was were has have had will would stands stood remains remained rose fell grew
    reached amounted came totalled totaled"""
    )
)


# First words of a clause that is no subject: a preposition's phrase, a linking adverb.
_EN_NO_SUBJECT = set(
    _words(
        """as of in on at for from to by with within since after before during under over about
    including excluding therefore however moreover furthermore overall meanwhile also thus hence
    additionally"""
    )
)


# Clauses that are no subject either: a date's rest ("…, 2018 and September 30, …") and one
# that opens with a figure ("…, $252.3 billion and $216.0 billion, respectively, of …").
_DATE_REST = regex(rf"\s*(?:{_YEAR.pattern}\s+)?(?:and|or|to)\s+(?:{MONTHS})\s+\d{{1,2}}\s*")
_FIGURE_FIRST = regex(rf"\s*[-−(]?(?:{CURRENCY})?\d")


def _subject_en(text: str, end: int) -> str:
    """Return the subject of a sentence whose figure stands in a later clause, or "": what its
    first clause (of text[:end], before the figure) names before its first verb ("The overall
    Budget deficit for Financial Year 2020 is also the largest…, at $64.9 billion"; "Government
    spending today, excluding …, stands at $88 billion")."""
    # The first clause that is no phrase of a preposition ("As of September 30, …", "Of the $73.1
    # billion, …"), linking adverb ("Therefore, …"), date's rest ("…, 2018 and September 30,")
    # or figure ("…, $252.3 billion and $216.0 billion, respectively, of …"). A clause is read
    # to SUBJECT_REACH characters at most: a subject is a few words, and each figure of a
    # sentence of thousands with no clause end would otherwise read all before it.
    words: list[str] = []
    start = 0
    while True:
        stop = _CLAUSE_END.search(text, start, min(end, start + SUBJECT_REACH))
        clause = text[start : stop.start() if stop else min(end, start + SUBJECT_REACH)]
        if _YEAR.search(clause):
            clause = _EN_YEAR_LIST.sub("", clause)  # "The overall deficit for FY2020 is …, at"
        words = _EN_WORDS.findall(clause)
        if (
            words
            and words[0].lower() not in _EN_NO_SUBJECT
            and not _DATE_REST.fullmatch(clause)
            and not _FIGURE_FIRST.match(clause)
            and not (len(words) == 2 and _opens_with_a_time(words))
        ):
            break  # (not a time: "Last year, this became 16%")
        if stop is None:
            return ""
        start = stop.end()
    verb = next((k for k, word in enumerate(words) if word.lower() in _EN_SUBJECT_END), None)
    subject = _clean_en(" ".join(words[:verb]), 8)
    if not subject or _names_nothing_en(subject):
        return ""
    return subject


# How far a sentence's first clauses are read for its subject (see _subject_en).
SUBJECT_REACH = 400


# A relative pronoun, alone or after a share of what it stands for ("each of which").
_EN_RELATIVE = regex(
    r"(?:^|(?<= ))(?:(?:each|all|both|one|two|some|most|none|any) of )?(?:which|who|whom)(?= |$)",
    re.IGNORECASE,
)
# Where the noun phrase a relative clause hangs on begins: after the last figure, preposition
# or verb of its clause.
_EN_PHRASE_BREAK = regex(
    r"\d[\d,.]*(?:%| ?(?:thousand|million|billion|trillion)\b|(?:bn|m|k|p|bps|bp|x)\b)?"
    r"|\bat least\b"
    r"|(?<![\w-])(?:of|in|for|to|by|with|from|on|at|as|had|has|have|is|are|was|were|that|than"
    r"|represented|accounted|approximately)(?![\w-])",  # not the in of paid-in
    re.IGNORECASE,
)
_EN_ADVERBS = set(_words("later currently now then still also typically generally usually"))
_EN_PARTICLES = set(_words("aside up out off back away"))


def _governed_en(words: list[str]) -> str:
    """Return what the verb of a relative clause's words governs ("included a one-time payment"
    -> one-time payment), or "" when nothing follows the verb ("accounted for", "is currently")."""
    words = list(words)
    while words and (words[0].lower() in _EN_ADVERBS or words[0].endswith("ly")):
        words.pop(0)
    words = words[1:]  # the verb, and its particle ("set aside")
    if words and words[0].lower() in _EN_PARTICLES:
        words.pop(0)
    while words and (words[0].lower() in _EN_ADVERBS or words[0].endswith("ly")):
        words.pop(0)
    label = _clean_en(" ".join(words))
    return "" if not label or _names_nothing_en(label) else label


# A clause that opens with a year after a comma, and the year that ends the clause before it:
# the two are items of one list of years (in 2018, 2017 and 2016).
_EN_YEAR_ITEM = regex(rf" ?{_YEAR.pattern}\b(?!,\d)")
_YEAR_BEFORE_COMMA = regex(rf"(?<![\d,.]){_YEAR.pattern}, ?$")
# The list of years a figure's label ends with, or that stands before its verb, and the word
# that leads to it: "grew in 2018 and 2017 by", "expense in 2018, 2017 and 2016 of", "net sales
# in 2018 included" (the year goes, and the word that put the figure in it with it).
# A year may be written as a fiscal one: FY2020, fiscal 2018, Financial Year 2020.
_EN_A_YEAR = rf"(?:FY\s?|(?:fiscal|financial)\s+(?:year\s+)?)?{_YEAR.pattern}"
_EN_YEAR_LIST = regex(
    rf"\b(?:in|for|during)\s+{_EN_A_YEAR}(?:(?:\s*,\s*|\s+)(?:and\s+)?{_EN_A_YEAR})*"
    r"(?=\s*(?:(?:of|by|were|was|are|is|totaled|totalled|amounted to)\s*)?$|\s+[a-z])",
    re.IGNORECASE,
)


def _year_list_start(sentence: str, reverse: str, raw: _Raw, start: int, boundary: int) -> int:
    """Return where an English figure's clause starts, read past the commas of a list of years:
    the list is one phrase, not clauses ("recognized interest and penalty expense in 2018, 2017
    and 2016 of $236 million"), unless words after it name the figure ("rates for 2017, 2016 and
    2015 differ from the statutory rate of 35%")."""
    while (
        start > boundary
        and _EN_YEAR_ITEM.match(sentence, start)
        and not _clean_en(sentence[start : raw.start])
    ):
        at_year = _YEAR_BEFORE_COMMA.search(sentence, max(boundary, start - 8), start)
        if at_year is None:
            break
        start = max(_clause_start(reverse, at_year.start()), boundary)
    return start


def _relative_label(label: str, relative: re.Match[str], before: str, previous: str) -> str:
    """Return the label of a figure in a relative clause (`relative`: its pronoun in `label`;
    `before`: the sentence before the figure's clause).

    A clause whose verb governs nothing ("which accounted for 47%") measures what it hangs on:
    the words before the pronoun, or the end of the clause before it ("…of total trade
    receivables, which accounted for 47%"), or the figure there ("damages of $302 million,
    which later increased to $440 million"). One whose verb governs words ("which has a
    statutory tax rate of 12.5%") keeps its label as it is.
    """
    head = label[: relative.start()].strip()
    rest = label[relative.end() :].split()
    if head:
        return _clean_en(head)
    if rest and rest[0].lower() not in _EN_NO_SUBJECT and not _governed_en(rest):
        return _antecedent_en(before) or previous
    return label


# What a change from one figure to another is of: the object of the verb that changed it, up to
# the clause's end or a time ("tripled our government spending on healthcare within a decade").
_EN_CHANGED = regex(
    r"\b(?:doubl|tripl|quadrupl|halv|increas|rais|grow|grew|grown|cut|reduc|lower|expand|"
    r"extend)(?:e|es|ed|ing|s)?\s+(?:(?:our|the|its|their|his|her|this|that)\s+)?"
    # Not a noun's ("The first increase will take place…", "an increase in the GST")
    r"(?!(?:will|would|shall|is|are|was|were|has|have|had|can|may|must|of|in|on|at|to|by|"
    r"for|from|and|or)\b)"
    r"(?:number\s+of\s+)?(?P<what>[^,;:.]+?)"
    r"(?:\s+(?:within|over|in|during|since|by|for)\s+(?:a|an|the|the\s+past|the\s+last)?\s*"
    r"(?:decade|year|years|\w+\s+years?|\d{4})\b.*|\s+(?:today|now|this\s+year|last\s+year)"
    r"|\s+in\s+(?:two|three|four|several|\d+)\s+(?:steps|stages|phases)\b.*)?"
    r"\s*$",
    re.IGNORECASE,
)


CHANGED_EN_CHARS = 200  # the clause's end that is searched (a clause may run on for pages)


def _changed_en(before: str) -> str:
    """Return what the verb of the clause before a change from one figure to another changed
    (the number of is what is counted), or "" when the clause has no such verb."""
    clause = _CLAUSE_END.split(before.rstrip(" ,"))[-1][-CHANGED_EN_CHARS:]
    found = _EN_CHANGED.search(clause)
    if found is None:
        return ""
    label = _clean_en(found.group("what"))
    return "" if not label or _names_nothing_en(label) else label


def _antecedent_en(before: str) -> str:
    """Return the noun phrase that a relative clause after `before` hangs on: the last words of
    the clause before it, past its last number, preposition or verb ("the Company had two
    customers that represented 10% or more of total trade receivables, " -> total trade
    receivables), or "" when they name nothing."""
    clause = _CLAUSE_END.split(before.rstrip(" ,"))[-1]
    cut = 0
    for found in _EN_PHRASE_BREAK.finditer(clause):
        cut = found.end()
    label = _clean_en(clause[cut:])
    return "" if not label or _names_nothing_en(label) else label


# A figure's clause that is only "at" or "with" and the figure (", at around $6,800", ", with
# $25 billion set aside"): it is of what the clause before ends with.
_EN_AT_OR_WITH = regex(
    r"\s*(?:at|with)(?:\s+(?:around|about|approximately|nearly|some))?\s*", re.IGNORECASE
)
_EN_HOW_TO = regex(r"\s*(?:at|on|in|excluding|including)\s[^,;:.]{0,40}?\bto\s*", re.IGNORECASE)


# Words that link a figure to the one before it, all that is left of its label once "a decline
# of" is cleaned away: the figure measures what the figure before it does.
_EN_LINKS = frozenset({"after", "before", "following", "against", "versus", "compared"})
# Words that end the name a label reaches back for (see _clean_en): no part of a name.
_EN_NOT_A_NAME = _EN_PHRASE_STARTS | _EN_LEAD | _EN_DET | _EN_TRAIL | _EN_LINKS
_EN_NAME_OPENERS = _EN_LEAD | _EN_DET  # what comes right before a name (the, a, of …)


def _name_acted_en(label: str) -> bool:
    """Tell whether an English label is only a name and what it did ("Apple opened", "Company
    reserved"): of a count after it, the deed and what is counted name the figure."""
    name, _, verb = label.partition(" ")
    return name[:1].isupper() and " " not in verb and _is_past_en(verb)


def _names_nothing_en(label: str) -> bool:
    """Tell whether an English label is only who acts and the verb ("we have committed", "I will
    allocate", "I thank") or one bare verb form ("dedicating", "supported"): it says what was
    done, not what the figure measures."""
    words = label.split()
    if words[0].lower() in _EN_SUBJECTS or label in ("Company", "Group"):  # "the Company spent"
        return True
    if len(words) == 2 and words[0] in _EN_FILERS and words[1] in _EN_FILER_PROPOSES:
        return True  # "The Group employs 12,300 people": the people are what is counted
    if words[0] in _EN_AUXILIARIES and len(words) <= 3:
        return True  # "was a result" (of $59.5 billion of net income): of net income
    return len(words) == 1 and words[0].islower() and words[0].endswith(("ing", "ed"))


# A date that ends a table row's name: which balance a row states ("Balances as of September
# 30, 2017 | 5,126,201 | …"); its numbers are no words of a label otherwise.
_EN_CELL_DATE = regex(rf"\b({MONTHS})( \d{{1,2}}, \d{{4}})\s*$")
_YEAR_CELL = regex(r"\s*(?:19|20)\d\d\s*")  # a row named by a year: 2019 | $8,797


# A sum or a rate written before a noun, as its attribute: "The $210 billion share repurchase
# program was completed", "I will provide a 60% road tax rebate to…".
# A participle that says what the figure stands for works as one: "Free cash flow of £95m,
# representing 85% cash conversion" (cash conversion).
_EN_DETERMINER_BEFORE = regex(
    r"\b(?:the|a|an|its|our|their|this|another|further|additional|set\s+of"
    r"|representing|delivering|achieving|generating|receive|receives)\s+(?:[a-z]+ed\s+)?$",
    re.IGNORECASE,
)
# The noun after: lower-case words ("payout"), or a name ("Jobs and Business Support Package").
_EN_ATTRIBUTE_OF = regex(
    r"\s+((?:[a-z][a-z\-]*\s+){0,3}[a-z][a-z\-]*"
    r"|[A-Z][\w\-]+(?:\s+(?:(?:and|of|for)\s+)?[A-Z][\w\-]*){0,5})\b"
)
_EN_NOT_NOUN = set(_words("the a an its our their worth"))


_EN_NAME_NOUN = regex(r"\s+([a-z][a-z\-]*)\b")  # the word after a name (U-Save rebate)


def _ends_name_en(word: str) -> bool:
    """Tell whether the word after a name is no noun of it: a verb, a preposition, a link."""
    return (
        word in _EN_OBJECT_END
        or word in _EN_NOT_NOUN
        or word in _EN_AUXILIARIES
        or word in _EN_SUBJECT_END
        or word.endswith(("ed", "ly"))
    )


def _attributive_en(sentence: str, raw: _Raw) -> str:
    """Return the noun a figure is the attribute of ("a $1,000 payout": payout), or ""."""
    if not _EN_DETERMINER_BEFORE.search(sentence, max(0, raw.start - 14), raw.start):
        return ""
    after = _EN_ATTRIBUTE_OF.match(sentence, raw.end)
    if after is None:
        return ""
    if after.group(1)[0].isupper():
        # "a $500 million Jobs and Business Support Package"; "a 50% U-Save rebate"
        noun = _EN_NAME_NOUN.match(sentence, after.end())
        if noun and not _ends_name_en(noun.group(1)):
            return f"{after.group(1)} {noun.group(1)}"
        return after.group(1)
    kept: list[str] = []
    words = after.group(1).split()
    for k, word in enumerate(words):
        if word == "for" and kept and k + 1 < len(words) and not _ends_name_en(words[k + 1]):
            kept += words[k : k + 2]  # "30% support for wages paid from April": support for wages
            break
        if word in _EN_OBJECT_END or word in _EN_NOT_NOUN or word.endswith("ed"):
            break  # "the $3 billion allocated last year": what became of it, not what it is
        kept.append(word)
    if len(kept) == 1 and _CHANGE_AFTER_WORD.fullmatch(kept[0]):
        # "a 10% reduction in emissions": the change is of what follows it
        changed = _EN_CHANGE_OF.match(sentence, raw.end)
        if changed and (what := _object_after_en(sentence, changed.end())):
            return what
    return " ".join(kept)


def _dated_row(label: str, row: str) -> str:
    """Return a table row's label with the date its name ends in ("Balances as of September"
    -> "Balances as of September 30, 2017")."""
    cell = row.split("|", 1)[0]
    date = _EN_CELL_DATE.search(cell) if ", " in cell else None
    return label + date.group(2) if date and label.endswith(date.group(1)) else label


# "issued $7.0 billion and repaid $6.5 billion of Notes": what the second sum is of, the first
# is of too.
# The sums joined to the first, then what all are of: "$12.0 billion and $8.1 billion of", "$2.2
# billion, $1.4 billion and $722 million of interest expense".
_EN_SUM = rf"(?:{CURRENCY})?\d[\d,.]*(?:\s+(?:{SCALE_EN}))?"
_EN_JOINED_SUM = regex(rf"(?:,\s+{_EN_SUM})*,?\s+and\s+{_EN_SUM}(?=\s+of\b)")
_EN_SHARED_OBJECT = regex(
    rf"\s+and\s+[a-z]+\s+(?:{CURRENCY})?\d[\d,.]*(?:\s+(?:{SCALE_EN}))?(?=\s+of\b)"
)


# Past forms that do not end in -ed, of verbs that state what was done with a sum.
_EN_PAST_IRREGULAR = set(_words("paid repaid spent sold lent set made gave took put"))
# A time between a sum and what it is for or to do: "$12 million over four years to our
# Self-Help Groups", "$200 million over the next few years to enhance schemes".
_EN_OVER_TIME = (
    r"(?:\s+(?:over|in|within)\s+(?:the\s+(?:next|coming|past|last)\s+)?(?:\w+\s+)?"
    r"(?:years?|months?))?"
)
# Words between a verb and its sum ("set aside an additional $200 million": set aside), and who
# acts before the verb ("I will set aside").
_EN_BEFORE_SUM = _EN_VAGUE | set(_words("a an the of about around approximately nearly almost"))
_EN_ACTOR = regex(r"\s*(?:I|we|We)\s")
# A sum said to go to a name, right after it: "$5.2 billion will be allocated to JGI".
_EN_GIVEN_TO = regex(
    r"\s+(?:will\s+be|is|are|was|were|has\s+been|have\s+been)\s+"
    r"(allocated|set\s+aside|earmarked|committed|given)\s+(to|for)\s+"
    r"((?:the\s+)?[A-Z][\w\-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w\-]*){0,4})"
)
# What a sum was spent to do, right after it: "$73.1 billion to repurchase shares of its…".
_EN_PURPOSE = regex(
    _EN_OVER_TIME + r"\s+to\s+([a-z]+(?:\s+[A-Za-z][A-Za-z\-]*){1,5}?)\b"
    r"(?=\s+(?:of|for|in|and|that|which|with|by|to)\b|[,.]|$)"
)
_EN_PRONOUNS = set(_words("this it"))
_EN_ACTS_FIRST = ("to ", "This ", "this ", "It ", "it ", "Company ")
_EN_MODALS = set(_words("will would shall can could may might must"))


def _acts_only_en(label: str) -> bool:
    """Tell whether an English label only says who acted how, so that the verb with what the
    figure is of, named after it, names it better: "the Company issued" ($24.0 billion of U.S.
    dollar–denominated term debt: issued U.S. dollar–denominated term debt), "to issue" (up to
    $35 billion of green bonds), "This will reduce" (24 kilo-tonnes of carbon dioxide
    emissions), "repaid" ($6.5 billion of Notes)."""
    if " " not in label:
        return label in _EN_PAST_IRREGULAR
    rest, _, verb = label.rpartition(" ")
    if " " in rest and rest.rpartition(" ")[2] in _EN_MODALS and verb.islower():
        return True  # "…taxpayers and will raise" ($170 million of additional tax revenue)
    if label.count(" ") > 2 or not label.startswith(_EN_ACTS_FIRST):
        return False  # nearly every label, told at a glance
    words = label.split()
    first, last = words[0], words[-1]
    if len(words) == 2 and first == "to":
        return last.islower()
    return len(words) <= 3 and (
        first.lower() in _EN_PRONOUNS or (first == "Company" and _is_past_en(last))
    )


# What a sum is for, right after it: "$11 billion for a COVID-19 Resilience Package", "$45
# million of venture debt", "$25 billion to the JSS", "$40 million under the Productivity
# Solutions Grant" (to or under a name, not "to enable"), "$2 billion worth of relief measures".
# A word of it: U.S. and dollar–denominated are one word each ("Notes." is "Notes").
_EN_OBJECT_WORD = r"[A-Za-z][A-Za-z0-9\-–’']*(?:(?:\.[A-Za-z])+\.)?"
_EN_OBJECT = regex(
    _EN_OVER_TIME + r"(?:[’']?\s+worth)?\s+(?:of|for|towards?"
    r"|(?:to|under)(?=\s+(?:the|a|an|our|its|their|this|these)\b|\s+[A-Z])"
    # "paid £48m in corporation tax"; not "in the year", "in total", "in 2018"
    r"|in(?!\s+(?:the\s+)?(?:years?|quarters?|period|months?|total|aggregate|full|first|"
    r"second|third|fourth|last|prior|previous|current|past|next|fiscal|financial|line|cash|"
    r"table|tables|notes?|section)\b))\s+"
    r"(?:(?:the|a|an|our|its|their|this|these|those)\s+)?(?:new\s+)?"
    rf"({_EN_OBJECT_WORD}(?:\s+{_EN_OBJECT_WORD}){{0,11}})"  # 12 words at most
)
# Words that end the phrase, but inside a name (Change for Charity Grant, Jobs and Skills Package).
_EN_OBJECT_END = set(
    _words(
        """to by in on at for of with from into over under through across towards toward per as
    than since until while which who that this these will would shall can could may might is are
    was were be been has have had so each every and or but also only including during upon"""
    )
)
# Words after an -ed word that go on its clause, not a noun it qualifies.
_EN_GOES_ON = _EN_OBJECT_END | _EN_DET


# A span of time or a sum said to be worth of something: "10 years’ worth of GST expenses".
_EN_WORTH_OF = regex(r"[’']?\s+worth\s+of\s")


def _object_after_en(sentence: str, end: int) -> str:
    """Return what an English sum is for, named right after it, or ""."""
    match = _EN_OBJECT.match(sentence, end)
    if match is None:
        return ""
    words = match.group(1).split()
    kept: list[str] = []
    for k, word in enumerate(words):
        if word.lower() in _EN_OBJECT_END:
            following = words[k + 1] if k + 1 < len(words) else ""
            inside_name = kept and kept[-1][0].isupper() and following[:1].isupper()
            counted = word == "of" and kept == ["number"]  # "the number of visitors"
            if not (inside_name and word in ("for", "of", "and")) and not counted:
                break
        following = words[k + 1] if k + 1 < len(words) else ""
        if _participle_after_noun(kept, word) and not _names_a_noun(following):
            # "relief measures introduced during…": what follows says what became of it (not
            # "net deferred tax assets", where the word is the next noun's attribute)
            break
        kept.append(word)
    if not kept or all(word.lower() in _EN_EMPTY for word in kept):
        return ""  # "40% of these", "of which"
    return " ".join(kept[:8])


def _names_a_noun(word: str) -> bool:
    """Tell whether a word after an -ed word may be the noun it qualifies (tax of "deferred tax
    assets"), not a word that goes on a clause (during, by, the)."""
    return word.isalpha() and word.islower() and word not in _EN_GOES_ON


def _participle_after_noun(kept: list[str], word: str) -> bool:
    """Tell whether a word in -ed after a noun starts what is said of it ("measures introduced"),
    not a word of the name ("U.S. deferred tax liability", "dollar–denominated")."""
    return (
        bool(kept)
        and kept[-1].islower()
        and word.islower()
        and word.endswith("ed")
        and "-" not in word
        and "–" not in word
    )


# What a count's things did, when the count's noun is all its label names: its verb, then the
# rest of its clause, if short (学校|开展“互联网+教育”结对帮扶, 省份|开展大病医疗保险试点).
PREDICATE_CHARS = 14
_DID = regex(
    r"(?:参与|参加|开展|启动|实施|实现|完成|列入|入选|认定为|进入|通过|接受|创建|获评|被评为|被认定为|为)"
    rf"[^{_CLAUSE_ENDS}、\d]{{1,{PREDICATE_CHARS}}}(?=[{_CLAUSE_ENDS}]|$)"
)


def _what_they_did(sentence: str, end: int) -> str:
    """Return the predicate right after a counted noun that ends its clause, or ""."""
    did = _DID.match(sentence, end)
    return did.group() if did else ""


def _row_name_cn(sentence: str, raw: _Raw) -> str:
    """Return the name a Chinese table row gives the figure of one of its value cells (its
    first cell: 学校数 of "学校数 | 12所 | 15所"), or "" outside a table's value cells."""
    first = sentence.find("|")
    if first < 0 or raw.start < first:
        return ""
    return _clean_cn(sentence[:first].strip())


def _noun_after(sentence: str, raw: _Raw) -> tuple[str, int]:
    """Return the counted noun right after a classifier (29个部门 -> 部门) and where it ends."""
    quoted = _LEADING_QUOTE.match(sentence, raw.end)
    prefix = quoted.group(0) if quoted else ""
    if not prefix and not _is_cjk(sentence[raw.end : raw.end + 1]):
        return "", raw.end
    start = end = raw.end + len(prefix)
    stop = min(len(sentence), start + 20)
    while end < stop and (
        _CJK_FIRST <= sentence[end] <= _CJK_LAST or sentence[end] in _NOUN_OTHERS
    ):
        end += 1
    if end == start:
        # 建成100个“美丽街区”。: the name in quotes is all that is counted
        return (_clean_cn(prefix, strip=False), start) if prefix else ("", raw.end)
    noun = sentence[start:end]
    if not prefix and (_GOES_ON.match(noun) or (raw.unit.endswith("人") and _AT_PLACE.match(noun))):
        # 由88个增加到317个, 20所已完成: no noun is counted; nor after people counted as 人 and
        # where they are (引导约1亿人在中西部地区就近城镇化; but 12所在绍高校 names the 高校)
        return "", raw.end
    digit = _DIGIT.search(noun)
    if digit:
        noun = noun[: digit.start()]
    listed = noun.rfind("、")
    if listed > 0 and _VERB_END.fullmatch(noun, listed + 1):
        noun = noun[:listed]  # 2.2万多所农村中小学改造危房、建设7000多所…: the next one's verb
    # 459所义务教育阶段学校（不含教学点）秋季开学后: the noun ends with its parenthesis.
    closed = noun.find("）", 1)
    if 0 < closed < len(noun) - 1:
        noun = noun[: closed + 1]
    cut = (_PASSIVE_NOUN_CUT if noun.startswith("被") else _NOUN_CUT).search(
        noun, 0 if prefix else 1
    )
    if cut and cut.group() == "被":  # 6名学子被录取为飞行学员: what they were made is the point
        cut = _PASSIVE_NOUN_CUT.search(noun, cut.end())
    if cut:
        noun = noun[: cut.start()]
    if _CONJUNCTION.fullmatch(noun) or (digit and _JOINS_NEXT.match(noun)):
        # 50家和20家, 日间服务中心83家和助餐场所217个: the 和 joins the next figure and its noun,
        # it is not what is counted
        return "", raw.end
    end = raw.end + len(prefix) + len(noun)
    noun = noun[1:] if noun.startswith("的") else noun
    return _clean_cn(prefix + noun.rstrip("、（(“"), strip=False), end


# A rate that names a debt ("1.000% Notes due 2022", "Fixed-rate 3.000% notes") is the
# notes' coupon: the notes and their due year are what it measures, and a share's par value
# ("$0.00001 par value per share") is named after its sum.
_EN_DEBT = r"(?:Notes|notes|Bonds|bonds|Debentures|debentures)\b"
_EN_INSTRUMENT = regex(
    r"\s+((?:(?:Senior|Subordinated|Convertible|senior|subordinated|convertible)\s+)?"
    rf"{_EN_DEBT}(?:\s+due\s+{_YEAR.pattern}\b)?)"
)
_EN_NAMES_DEBT = regex(rf"\b{_EN_DEBT}")
_EN_PAR_VALUE = regex(r"\s+(par value(?:\s+per\s+share)?)\b")
# A table row of notes ("Fixed-rate 1.800% notes | 2020 | 1,000 | 1.84%", "Floating-rate notes |
# 2019 | 500 | 1.39%"): the notes are named by their kind, their coupon and the year they fall
# due, as a bond's name states them ("1.800% Notes due 2020"). The coupon is no figure of the
# row, and notes of another coupon or due year are other notes (see other_notes). A row of many
# notes names a range of coupons and of years ("… | 2018 | – | 2043 | …"): no year of its own.
_EN_COUPON = r"\d{1,2}(?:\.\d{1,3})?%"
_EN_DEBT_ROW = regex(
    rf"\s*((?:[A-Za-z][\w-]*\s+){{0,3}}?(?:{_EN_COUPON}(?:\s*[–-]\s*{_EN_COUPON})?\s+)?"
    rf"(?:(?:Senior|Subordinated|Convertible|senior|subordinated|convertible)\s+)?{_EN_DEBT})"
    r"\s*\|(?:\s*((?:19|20)\d\d)\s*\|(?!\s*[–-]\s*\|))?"
)
# What names one issue of notes apart from another: its coupon, and the year it falls due.
_EN_DEBT_TERM = regex(rf"{_EN_COUPON}|(?<=\bdue )(?:19|20)\d\d\b")


def debt_terms(label: str) -> tuple[str, ...]:
    """Return the coupons and due year a label names notes by ("Fixed-rate 1.800% notes due
    2020" -> ("1.800%", "2020")): the rates and "due" years it names, () for most labels."""
    if "%" not in label and "due " not in label:
        return ()  # most labels, told at a glance
    return tuple(_EN_DEBT_TERM.findall(label))


def other_notes(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Tell whether two labels' debt terms (debt_terms) name other notes: another coupon, or
    another due year where both state one (notes that have fallen due state none: "— | $—").
    A range of coupons is an issue of several notes, named by its last: the first fall due
    first ("Fixed-rate 1.000% – 3.850% notes", a year later "2.400% – 3.850% notes")."""
    if old == new:
        return False
    old_coupons = [term for term in old if term.endswith("%")]
    new_coupons = [term for term in new if term.endswith("%")]
    if len(old_coupons) == len(new_coupons) == 2:
        old_coupons, new_coupons = old_coupons[1:], new_coupons[1:]
    if old_coupons != new_coupons:
        return True
    old_due = [term for term in old if not term.endswith("%")]
    new_due = [term for term in new if not term.endswith("%")]
    return bool(old_due and new_due and old_due != new_due)


def _named_after_en(sentence: str, raw: _Raw, boundary: int) -> str:
    """Return the debt a rate is the coupon of, or the par value a sum is, after the words of
    its table cell before it (Fixed-rate, Common Stock); "" for any other figure."""
    if raw.kind is MetricKind.PERCENT:
        after = _EN_INSTRUMENT.match(sentence, raw.end)
    elif raw.currency:
        after = _EN_PAR_VALUE.match(sentence, raw.end)
    else:
        after = None
    if after is None:
        return ""
    raw.noun_end = after.end()  # the next figure's label starts after it
    if "|" not in sentence:
        return after.group(1)  # in prose, the words before say who issued it, or when
    cell = sentence.rfind("|", boundary, raw.start) + 1
    before = _clean_en(sentence[max(boundary, cell) : raw.start])
    if not before or _EN_NAMES_DEBT.search(before):
        return after.group(1)  # "…Floating Rate Notes due 2018, 0.45% Notes due 2016": others
    return f"{before} {after.group(1)}"


# The most words of a table row's label cell kept as a label (Increases related to tax
# positions taken during a prior year: ten), where a sentence keeps its last eight.
ROW_LABEL_WORDS = 16


_EN_TOP_SHARE = regex(r"\bthe\s+(top|bottom)\s*$", re.IGNORECASE)  # the top 20% of …
# A part of the figure before ("…, of which $166 billion had been utilized"), and what became of
# it: a participle after the figure.
_OF_WHICH = regex(r"\s*of\s+(?:which|these|that\s+amount)\s*", re.IGNORECASE)
_EN_PART_DONE = regex(
    r"\s+(?:had|has|have|was|were|is|are|will\s+be)(?:\s+been)?\s+"
    r"([a-z]+(?:ed|en)|[a-z]*paid|spent|held|sold)\b"
)
_OF_WHICH_BEFORE = regex(rf"\b{_OF_WHICH.pattern}$", re.IGNORECASE)  # right before a figure


def part_done(sentence: str, start: int, end: int) -> str:
    """Return what became of the part a figure is of the figure before ("…, of which $166
    billion had been utilized": utilized), else "". Such a part is no measure of the whole: the
    $166 billion of an authorization utilized is not next year's program of $100 billion."""
    near = max(0, start - 24)
    if "of" not in sentence[near:start] or not _OF_WHICH_BEFORE.search(sentence, near, start):
        return ""  # (most figures, told at a glance: every figure of a report is asked)
    became = _EN_PART_DONE.match(sentence, end)
    return became.group(1) if became else ""


_EN_NET_OF = regex(r"\s*net\s+of\s+")
# A change's start that only says it is the present one, opening its clause: ", from today's".
_EN_FROM_NOW = regex(r"[\s,]*from\s+(?:today[’']s|the\s+current|the\s+present|current)\s*")
# Words that take the figure before further, to the next: "…, with a view to reaching", ", before
# rising to", "and then to".
_EN_GOING_ON_TO = regex(
    r"(?:^|[\s,;])(?:(?:with\s+a\s+view\s+to|before|and\s+then|then|eventually|ultimately)\s+)?"
    r"(?:reaching|rising\s+to|climbing\s+to|increasing\s+to|growing\s+to|to\s+reach)\s*$"
)
# A gain or loss named by nothing else is named by the line it is recognised in.
_EN_GAINS = frozenset(("gain", "gains", "loss", "losses"))
_EN_GAIN_IN = regex(
    r"\s+in\s+((?:[A-Za-z][\w/()’'-]*)(?:\s+[A-Za-z][\w/()’'-]*){0,5}?)"
    r"(?=\s*[,.;]|\s+(?:and|or)\s+an?\s|\s+(?:for|during|in)\s|\s*$)"
)
# "…, a gain of $85 million in cost of sales and a loss of $198 million": the next of a list
# of sums, each of its own noun
_EN_NEXT_ITEM = regex(r"\b(?:and|or)\s+an?\s+(?=[a-z]+\s+of\s*$)")


def _label(
    sentence: str, raw: _Raw, boundary: int, previous: str, reverse: str, *, named_after: bool
) -> str:
    """Name what the quantity measures, from the words just before it (or the noun after it).

    reverse is the sentence reversed (see _clause_start); named_after tells whether the previous
    figure's label is the noun after it (1184万平方米旧住房综合改造、104万平方米…: not shared).
    """
    start = max(_clause_start(reverse, raw.start), boundary)
    before = sentence[start : raw.start]
    if _EN_NET_OF.fullmatch(before) and sentence[start - 1 : start] == ",":
        # "proceeds from the issuance of term debt, net of $7.0 billion": net of what is owed
        # (or paid) says how the sum before the comma was counted; it names nothing itself
        start = max(_clause_start(reverse, start - 1), boundary)
        before = sentence[start : raw.start]
    near = sentence[max(0, raw.start - 20) : raw.end + 20]
    if near.isascii() or not _has_cjk(near):
        if debt := _named_after_en(sentence, raw, boundary):
            return debt
        if _EN_WORTH_OF.match(sentence, raw.end) and (what := _object_after_en(sentence, raw.end)):
            return what  # "about 10 years' worth of additional GST expenses": what it is worth
        if previous and _EN_FROM_NOW.fullmatch(before):
            # "increase the property tax rates for the portion of Annual Value in excess of
            # $30,000, from today's 4% to 16%": the rates the clause before names (was "from
            # today's")
            return previous
        if previous and _EN_GOING_ON_TO.search(before):
            # "raise our carbon tax to $25 per tonne in 2024 and 2025 and $45 per tonne in 2026
            # and 2027, with a view to reaching $50 to $80 per tonne by 2030": where the figure
            # before goes on to (named "view to reaching")
            return previous
        if (
            raw.unit == "%"
            and before.rstrip().endswith(("top", "bottom"))
            and (rank := _EN_TOP_SHARE.search(before))
        ):
            # "affect the top 1.2% of personal income taxpayers": the top of what, not the verb
            whole = _object_after_en(sentence, raw.end).split()
            if whole and _is_past_en(whole[-1]):
                whole.pop()  # "the top 20% of Singaporean households paid 56% of the taxes"
            return " ".join([rank.group(1).lower(), *whole])
        if (
            previous
            and _OF_WHICH.fullmatch(before)
            and (became := _EN_PART_DONE.match(sentence, raw.end))
        ):
            # "…authorization from $175 billion to $210 billion, of which $166 billion had been
            # utilized": the part of the figure before that the clause says what became of
            return f"{previous} {became.group(1)}"
        start = _year_list_start(sentence, reverse, raw, start, boundary)
        before = sentence[start : raw.start]
        if _YEAR.search(before):
            before = _EN_YEAR_LIST.sub("", before)  # "grew in 2018 and 2017 by": Net sales
        if (given := _WITH_A.search(before)) and not _CHANGE_AFTER_WORD.fullmatch(given.group(1)):
            # "provide children below the age of 21 with a top-up of" (not "to an increase of":
            # the change is of what follows it)
            before = given.group(1)
        elif boundary and (item := _EN_NEXT_ITEM.search(before)):
            before = before[item.end() :]
        # A table row's label cell is a name, not a clause: it is kept longer.
        label = _clean_en(before, ROW_LABEL_WORDS if "|" in before else 8)
        if label and (relative := _EN_RELATIVE.search(label)):
            label = _relative_label(label, relative, sentence[:start], previous)
        elif label and start and 0 < raw.start < (bar := sentence.find("|")):
            # A figure in a row's label cell: the cell is a name, its commas no clauses ("Change
            # in foreign currency translation, net of tax effects of $(77), $8 and $201, …"):
            # the first of its figures is named by the whole, as the others are.
            row_name = _clean_en(sentence[:bar], ROW_LABEL_WORDS)
            if row_name.endswith(" " + label):
                label = row_name
        if not label and "|" in sentence:  # a table row: its first cell (asked only here)
            cell = sentence.split("|", 1)[0]
            label = _clean_en(cell, ROW_LABEL_WORDS)
            if previous and label.startswith(previous + " ") and _DIGIT.search(cell):
                # "Dividends and dividend equivalents declared at $2.18 per share or RSU | — |
                # (12,188)": the row is named by the words before the figure its name opens
                # with ("…, net of tax effects of $(1) and $8 | $(77)" keeps its whole name)
                label = previous
            if not label and _YEAR_CELL.fullmatch(cell):
                label = cell.strip()  # "2019 | $8,797": the year the payments fall due in
        if label and "|" in sentence:
            label = _dated_row(label, sentence)
        elif (raw.currency or raw.unit == "%") and (what := _attributive_en(sentence, raw)):
            return what  # "a $1,000 payout", "a 60% road tax rebate"
        if label in _EN_FILERS and (joined := _EN_JOINED_SUM.match(sentence, raw.end)):
            # "the Company had $12.0 billion and $8.1 billion of Commercial Paper outstanding":
            # the first of two sums shares what the second is of (it was the filer's)
            label = _object_after_en(sentence, joined.end()) or label
        if label and _acts_only_en(label) and raw.kind is not MetricKind.PERCENT:
            if joined := _EN_JOINED_SUM.match(sentence, raw.end):
                # "The Company recognized $2.2 billion, $1.4 billion and $722 million of interest
                # expense": what the last is of, all are of (interest expense)
                label = _object_after_en(sentence, joined.end()) or label
            else:
                shared = _EN_SHARED_OBJECT.match(sentence, raw.end)
                if what := _object_after_en(sentence, shared.end() if shared else raw.end):
                    label = f"{label.split()[-1]} {what}"  # the verb and its object: repaid Notes
        if (
            label
            and start > 0
            and label.split(maxsplit=1)[0].lower() in _EN_AUXILIARIES
            and not _DIGIT.search(sentence, 0, start)
        ):
            # "The Dependency Ratio Ceiling, or DRC, will be reduced from the current 1:7": the
            # clause is all predicate; its subject opens the sentence (one with no figure).
            label = _subject_en(sentence, start) or label
        if previous and _EN_HOW_TO.fullmatch(before):
            # "Group revenue increased by 8% at constant currency to €2,345 million": how the
            # change was counted, then what the measure came to
            return previous
        if previous and label.lower() in _EN_LINKS:
            # "grew by around 1% in real terms last year, after a decline of 0.4% in 2020": the
            # decline is the same measure's, a year before
            return previous
        counted = raw.unit not in _NOT_COUNTED and (
            raw.unit.isalpha() or (_is_english_unit(raw.unit) and bool(_EN_PLURAL.search(raw.unit)))
        )
        if counted and not raw.currency and _name_acted_en(label):
            # "Apple opened 20 new retail stores": what was done to what is counted
            return f"{label.rpartition(' ')[2]} {raw.unit}"
        if label.lower() in _EN_GAINS and (line := _EN_GAIN_IN.match(sentence, raw.end)):
            return f"{label} in {line.group(1)}"  # "a gain of $20 million in net sales"
        if label and not _names_nothing_en(label):
            return label
        if not label and raw.currency and (given := _EN_GIVEN_TO.match(sentence, raw.end)):
            # "Of this, $5.2 billion will be allocated to JGI": what the sum goes to
            return f"{given.group(1)} {given.group(2)} {given.group(3)}"
        if raw.kind is MetricKind.CHANGE and previous and raw.unit in ("%", "points", "point"):
            # "Revenue … amounted to HK$12,345 million, representing an increase of 12.3%": a
            # rate of change named by nothing is the figure's before it; so is a move in points
            # ("Customer satisfaction reached 87%, down 2 points on last year")
            return previous
        ends = before.split()[-1:]  # "from 40,000 today to 80,000": the word before is "to"
        if not label and previous and (before.strip() in ("-", "–") or ends == ["to"]):
            return previous  # "from $175 billion to $210 billion": both ends measure one thing
        if not label and ends == ["to"] and (changed := _changed_en(sentence[:start])):
            return changed  # "we will reduce the sub-DRC for Manufacturing in two steps, to 18%"
        if not label and before.strip().lower() == "from":
            # "…double the number of eligible employers, from 40,000 today to 80,000"; "We have
            # tripled our government spending on healthcare within a decade, from $3.7 billion"
            label = _changed_en(sentence[:start]) or _antecedent_en(sentence[:start])
            if label:
                return label
        if counted and not raw.currency:
            return raw.unit  # "and 1,000 employees", "we have placed 76,000 individuals"
        if not label and not raw.unit and not raw.currency and not raw.scale:
            named = _EN_NAMED_COUNT.match(sentence, raw.end)
            if named:
                return named.group(1)  # "31 Singapore companies", "15 AfAs have been formed"
        if (
            raw.kind is not MetricKind.PERCENT
            or not (label or previous or not _SHARE_OF_THE.match(sentence, raw.end))
        ) and (what := _object_after_en(sentence, raw.end)):
            # "I will set aside $11 billion for a COVID-19 Resilience Package"; a share named by
            # nothing before it is a share of the whole that follows ("In 2010, 9% of our
            # population"), but "the overall deficit …, or 13.9% of GDP" is the deficit's, and
            # "Over 80% of firms intend to …" says not where the whole's name ends.
            return what
        if (
            (_names_nothing_en(label) if label else _EN_ACTOR.match(before))
            and raw.kind is not MetricKind.PERCENT
            and (purpose := _EN_PURPOSE.match(sentence, raw.end))
        ):
            # "the Company spent $73.1 billion to repurchase shares of its common stock": what
            # the sum was spent to do, with the verb (spent to repurchase shares)
            said = before.split()
            while len(said) > 1 and said[-1].lower() in _EN_BEFORE_SUM:
                said.pop()  # "set aside an additional $200 million": set aside
            # the verb, with its particle: "set aside $100 million to support NTUC"
            verb = " ".join(said[-2:] if len(said) > 1 and said[-1] in _EN_PARTICLES else said[-1:])
            return f"{verb} to {purpose.group(1)}" if verb.islower() else f"to {purpose.group(1)}"
        if not label and not previous and start > 0 and "|" not in sentence:
            # "The overall deficit …, at $64.9 billion"; else what the clause before ends with:
            # "They will receive even more support from the Assurance Package, at around $6,800"
            subject = _subject_en(sentence, start)
            if not subject and _EN_AT_OR_WITH.fullmatch(before):
                subject = _antecedent_en(sentence[:start])
            return subject
        return label or previous
    if (
        raw.kind is not MetricKind.RANK
        and _AGAINST_HINT.search(before)
        and (against := _AGAINST_OTHER.search(before))
    ):
        # 增长8.5%，高于全省1.2个百分点; 增速比全省平均高1个百分点: a lead over another's figure
        # (a province's, the average's) is named by what leads and against what: 生产总值高于全省
        # (not 高于: 全省 is no filler here).
        return (_clean_cn(before[: against.start()]) or previous) + against.group(1)
    label = _clean_cn(before)
    if not label.strip(" |") and (name := _row_name_cn(sentence, raw)):
        return name  # 学校数 | 12所 | 15所: a table row's value cell is of the row's name
    if label.endswith(("和", "及", "与")) and (fund := _FUND.match(sentence, raw.end)):
        # 中央财政安排384亿元救灾款和740亿元恢复重建资金: the second sum is put into a fund of its
        # own (not 救灾款和), by the payer of the first
        payer = _ALLOCATES.match(previous)
        return (payer.group() if payer else "") + fund.group()
    if label and _ALLOCATES.fullmatch(label):
        if fund := _FUND.match(sentence, raw.end):
            return label + fund.group()  # 中央财政今年再安排1300亿元灾后重建资金
        # 各级政府要进一步增加社会保障投入，中央财政拟安排3185亿元: the clause before names it.
        what = _subject_cn(sentence, reverse, start, boundary)
        if what.endswith(_FUND_ENDS):
            return what
    if raw.medal:
        return (label or previous.rstrip("金银铜牌")) + MEDALS[raw.medal]
    if label.endswith("以") and (taken := _TAKEN_AS.match(sentence, raw.end)):
        raw.noun_end = taken.end()
        return taken.group(1)  # 以500,000,000股为基数: what the figure is taken as names it
    if ("将" in label or "把" in label) and (made := _MADE_AS.match(sentence, raw.end)):
        raw.noun_end = made.end()
        return made.group(1)  # 将农民人均纯收入2300元（…）作为新的国家扶贫标准: what it is made
    if raw.classifier and raw.kind is not MetricKind.RANK:
        owned = sentence.startswith("的", raw.end)
        noun, raw.noun_end = _noun_after(sentence, raw)
        if noun:
            if not label or _VERB_END.search(label):
                # 235所学校开展“互联网+教育”结对帮扶: what the counted did names them.
                return noun + _what_they_did(sentence, raw.noun_end)
            if _AND_BEFORE.search(label):
                # 完成白龙港污水处理厂提标改造和1434个住宅小区雨污混接改造: before 和 is another deed
                # (惠及 is a verb: 学生营养改善计划惠及3200万孩子 keeps its label)
                return noun
            # 新建中小学6所的任务, 增幅11个百分点的情况下: the task or case the figure is part of
            if owned and _WHOLE_NOUN.fullmatch(noun):
                return label
            # 教育、市场监管、综合执法等10余个部门: the label names some of them, 等 says so
            listed = "等" if sentence.endswith("等", 0, raw.start) and "、" in label else ""
            return label + listed + noun
    elif label and (_VERB_END.fullmatch(label) or label in _REACHES) and len(label) <= 2:
        # A bare verb before a measure names what was done, the noun after it what:
        # 启动1亿亩试点, 建设10万亩水稻绿色生产基地, 用好1800亿元引导基金, 惠及90%的在校生.
        noun, noun_end = _noun_after(sentence, raw)
        if noun and not _VERB_END.search(noun):
            raw.noun_end = noun_end
            return noun
    elif label and raw.unit.removeprefix(raw.scale) in _LENGTHS_AND_AREAS:
        # A length or an area right before a noun is the noun's: 苏州河中心城区42公里岸线; after
        # a verb, the noun alone (底线是严守18亿亩耕地红线).
        noun = _noun_after(sentence, raw)[0].split("的", 1)[0]  # 42公里岸线的公共空间: 岸线
        if noun and not _VERB_END.search(noun):
            raw.noun_end = raw.end + len(noun)
            return noun if _VERB_END.search(label) else label + noun
    # 某大赛斩获全国一等奖3个、二等奖1个: the second tier is the same contest's.
    tier = _PRIZE_TIER.search(previous) if previous and _PRIZE_TIER.fullmatch(label) else None
    if tier is not None and tier.end() == len(previous):
        return previous[: tier.start()] + label
    if label in _BARE_SHARES and previous:
        return previous + label  # 426家中小学校参与共同体建设，比例达93.1%: whose share
    if label in _BARE_RATES and previous and not previous.endswith(label):
        return previous + label  # 地区生产总值1250亿元，增速位居全市第二: whose growth
    if previous and label.startswith("占") and label.endswith(_SHARE_ENDS):
        # 全国财政赤字合计9500亿元，占国内生产总值比重在3%以内: the share of the figure before
        return previous if previous.endswith(label) else previous + label
    if previous and raw.kind is MetricKind.PERCENT:
        if label.startswith("占") and not label.startswith(("占地", "占用")):
            return previous + label  # 民生支出85.3亿元，占一般公共预算支出的78.6%: its share
        if not label and (scope := _SCOPE_WHOLE.fullmatch(before.strip())):
            # 户籍人口445万人，占全省的8.5%: a share of a place (which cleaning takes away)
            return f"{previous}占{scope.group(1)}"
    if (other := _OTHER_GROUP.get(label)) and previous.startswith(other) and previous != other:
        # 城镇居民人均可支配收入6.8万元、增长5.2%，农村居民4.2万元: the same measure of the other
        # group (the country's people, after the towns')
        return label + previous[len(other) :]
    if previous and label.endswith("之比") and before.lstrip().startswith("与"):
        return f"{previous}与{label}"  # 研究与试验发展经费支出27864亿元，与国内生产总值之比为2.44%
    if label and _PER_TIME.fullmatch(label):
        # 平均每天新增1.2万户: how often is not what; the verb after it says what happened.
        done = before[before.rfind(label) + len(label) :].strip()
        if _VERB_END.fullmatch(done):
            return label + done
    if (
        previous
        and raw.kind is MetricKind.CHANGE
        and len(label) >= 2
        and label != previous
        and label in previous
        and _AGAINST_LAST_YEAR.search(before)
    ):
        # 中央财政赤字预算拟安排1800亿元，比去年预算赤字减少650亿元: the change is of the figure
        # before, named again in short (the 赤字 of 中央财政, not the whole country's)
        return previous
    if label:
        return label
    if previous and not named_after and before.strip() and _CONJUNCTION.fullmatch(before):
        return previous  # 超140%及超200%: the second figure shares the first one's label
    if raw.kind is MetricKind.RANK and previous:
        # 增速比全省高1个百分点，居全省第二: the rank is of what led, not of the lead
        against = _AGAINST_OTHER.search(previous)
        return (previous[: against.start()] if against else "") or previous
    if (
        raw.unit == "年"
        and _STREAK.fullmatch(before)
        and not _CN_RAISES.match(sentence, raw.end)  # 连续7年提高企业退休人员基本养老金水平
    ):
        # 上海港集装箱吞吐量达到4330.3万标准箱、连续10年世界第一; 粮食总产量实现了“八连增”，连续
        # 5年超万亿斤: how many years a record has stood is of what set it, not of the record.
        subject = previous or _subject_cn(sentence, reverse, start, boundary, first=False)
        if subject:
            return subject
    after = _AFTER_TEXT.match(sentence, raw.end)
    tail = _clean_cn(after.group(1)) if after else ""
    if not tail or any(ch.isdigit() for ch in tail):
        return previous or _subject_cn(sentence, reverse, start, boundary)
    raw.noun_end = after.end() if after else raw.end  # the next figure's label starts after it
    return tail


_AGAINST_LAST_YEAR = regex("[比较](?:上年|去年)")
# A lead over another's figure, just before the figure (see _label): 高于全省, 快于城镇居民,
# 增速比全省平均高. Not over last year's (比上年高 is the figure's change), nor a bound
# (不低于全省平均, 低于4.6%), nor 占比提高, 同比提高, 比重 or 比例.
_AGAINST_HINT = regex("[于比较超领]")  # a character every match of _AGAINST_OTHER holds
_AGAINST_OTHER = regex(
    r"((?:增幅|增速|涨幅|降幅)?(?:(?<!不)[高低快慢]于|超过|领先)(?!上年|去年|同期)[\u4e00-\u9fff]{1,10}"
    r"|(?:增幅|增速|涨幅|降幅)?(?<![占同环])[比较](?![较重例率上去同])[\u4e00-\u9fff]{1,10}?"
    r"(?<![提降减加放])[高低快慢])\s*$"
)


# Words that start what a clause says of its subject (粮食产量|屡创历史新高, 贸易顺差|连续两年
# 下降), and verbs whose object is what a figure after them measures (继续提高|企业退休人员基本
# 养老金，人均每年增长10%左右; 向…学生提供|助学金，每人每年1500元).
_CN_PREDICATE = regex(
    "屡|连续|逐步|继续|不断|持续|首次|稳步|明显|进一步|大幅|显著|再创|创|保持|实现|得到|取得"
)
_CN_RAISES = regex("提高|增加|加大|扩大|降低|减少|调整|上调|提供|发放")
# The longest subject read from the clause before (the corpus's: 全社会研究与实验发展经费).
SUBJECT_CN_CHARS = 24


# 以…为基数: the figure between 以 and 为 is what the words after 为 name (a clause's end after).
_TAKEN_AS = regex(r"为([\u4e00-\u9fff]{1,6})(?=[，,；;。：:（(]|$)")
# 将 (or 把) … a figure … 作为 Y: the figure is made Y, which names it
# (将农民人均纯收入2300元（2010年不变价）作为新的国家扶贫标准: 国家扶贫标准).
_MADE_AS = regex(
    r"(?:[（(][^）)]{0,20}[）)])?作为(?:新的)?([\u4e00-\u9fff]{1,12})(?=[，,；;。：:]|$)"
)


def _subject_cn(
    sentence: str, reverse: str, start: int, boundary: int, *, first: bool = True
) -> str:
    """Return what a figure with no label of its own measures, named by its sentence's first
    clause when that clause is just before the figure's own and states no figure:
    全社会研究与实验发展经费，从2002年1288亿元增加到2007年的3664亿元; 今年中央财政用于教育的投入，
    将由去年的1076亿元增加到1562亿元. "" if none. With first=False the clause before need not be
    the sentence's first (农业全面丰收，粮食总产量实现了“八连增”，连续5年…: 粮食总产量)."""
    if start < 1 or sentence[start - 1] not in "，,":
        return ""
    clause = _clause_start(reverse, start - 1)
    if clause < boundary or (first and sentence[:clause].strip()):
        # A figure of the sentence is in it (its words are that figure's), or the clause is not
        # the sentence's first: 建立健全城镇保障性住房制度，覆盖面逐步扩大，…已达到12.5% is not
        # any 覆盖面's.
        return ""
    label = _clean_cn(sentence[clause : start - 1])
    raises = _CN_RAISES.search(label)
    if raises and raises.end() < len(label):
        label = _clean_cn(label[raises.end() :])  # 继续提高企业退休人员基本养老金
    elif predicate := _CN_PREDICATE.search(label, 1):
        label = _clean_cn(label[: predicate.start()])  # 粮食产量屡创历史新高
    return label if len(label) <= SUBJECT_CN_CHARS else ""


def _target_ranges(masked: str) -> list[tuple[int, int]]:
    """Return the spans of the sentence that state a goal (目标是…, 力争…, aims to …)."""
    starts = [hint.start() for hint in _TARGET_HINT.finditer(masked)]
    if not starts:
        return []
    spans = [(m.end(), len(masked)) for m in _TARGET_STRONG.finditer(masked)]
    # _TARGET_WEAK.finditer, tried only where a match can start: the same matches, in order.
    end = 0
    first_goal_end = None
    for start in starts:
        if start >= end and (m := _TARGET_WEAK.match(masked, start)):
            end = m.end()
            clause = _CLAUSE_END.search(masked, end)
            spans.append((end, clause.start() if clause else len(masked)))
            if first_goal_end is None:
                first_goal_end = spans[-1][1]
    # A breakdown after a goal is part of it: 拟安排财政赤字8000亿元，赤字率下降到1.5%左右，
    # 其中中央财政赤字5500亿元.
    if first_goal_end is not None:
        for part in _BREAKDOWN.finditer(masked, first_goal_end):
            clause = _CLAUSE_END.search(masked, part.end())
            spans.append((part.start(), clause.start() if clause else len(masked)))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return spans merged into sorted, disjoint ones (the same positions fall in them)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _within(spans: list[tuple[int, int]], at: int) -> bool:
    """Tell whether at falls in one of the sorted, disjoint spans: one bisection, however many
    goals a sentence states."""
    k = bisect.bisect_right(spans, (at, math.inf)) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def _change_word(masked: str, raw: _Raw) -> re.Match[str] | None:
    """Return the change word right before a figure (增长, 下降了, decreased by), or the
    comparison right after it (18% higher than, 5% lower than), if any."""
    if masked.startswith(" ", raw.end) and (after := _CHANGE_AFTER.match(masked, raw.end)):
        if after.group(3):
            return _CHANGE_PLACE_WORD.match(masked, after.start(3))
        return _CHANGE_AFTER_WORD.match(masked, after.start(1 if after.group(1) else 2))
    lo = max(0, raw.start - 24)
    if _CHANGE_HINT.search(masked, lo, raw.start) is None:
        return None
    if change := _CHANGE_BEFORE.search(masked[lo : raw.start]):
        if change.group().startswith(("up", "Up")) and _PHRASAL_UP.search(
            masked, lo, lo + change.start()
        ):
            return None  # "free up $17 billion", "women made up 45%": no change
        return change
    if (raw.unit == "%" or raw.unit in CHANGE_UNITS or raw.currency) and (
        moved := _CHANGE_MOTION.search(masked[lo : raw.start])
    ):
        return moved
    if "by" in masked[max(0, raw.start - 16) : raw.start]:
        # English may say what changed between the verb and "by" (increased the dividend by)
        return _CHANGE_VERB_BY.search(masked[max(0, raw.start - VERB_BY_CHARS) : raw.start])
    return None


# "Operating profit of £225m was 18% higher than last year", "a 5% increase on 2021": the
# comparison, or the change as a noun, after the figure; or where the figure stands against
# another ("8% ahead of prior year", "3% below plan", "5% up on last year").
_CHANGE_NOUNS = "increase|rise|growth|reduction|decrease|decline|fall|drop"
_CHANGE_AFTER = regex(
    rf"\s+(?:((?i:higher|lower|more|less))\s+than\b|((?i:{_CHANGE_NOUNS}))\b"
    r"|((?i:ahead)(?=\s+of\b)|(?i:above|below|behind)\b"
    r"|(?i:up|down)(?=\s+(?:on|from|against|versus|vs|compared|year)\b)))"
)
_CHANGE_PLACE_WORD = regex(r"(?i:ahead|above|below|behind|up|down)")
_CHANGE_AFTER_WORD = regex(rf"(?i:higher|lower|more|less|{_CHANGE_NOUNS})")
# The change a figure is the attribute of, before what changed: "a 10% reduction in emissions",
# "a $278 million decrease in AOCI" (what follows "in" or "of" names it).
_EN_CHANGE_OF = regex(rf"\s+(?i:{_CHANGE_NOUNS})(?=\s+(?:in|of)\s)")


# A share named as a rate of rise is a change, whatever verb brings it: 居民消费价格涨幅回落到2.6%
# is the price rise of 2.6%, as 涨幅为2.6% and 上涨2.6% are (the verb tells how the rate moved).
_RATE_OF_RISE = regex(r"(?:涨幅|增幅|增速|增长率|增长速度)[^，,；;。：:！？!?]{0,16}$")

# The kinds a figure keeps whatever the words around it: a place in a ranking, a multiple.
FIXED_KINDS = frozenset({MetricKind.RANK, MetricKind.RATIO})


def _settle_kind(
    masked: str,
    raw: _Raw,
    targets: list[tuple[int, int]],
    reverse: str,
    change: re.Match[str] | None,
) -> MetricKind:
    """Choose the metric's kind from its unit and the words around it (`change`: _change_word)."""
    if raw.kind in FIXED_KINDS:
        return raw.kind
    if raw.unit in ("位", "名") and _RANK_WORDS.search(
        masked, _clause_start(reverse, raw.start), raw.start
    ):
        return MetricKind.RANK  # 营商环境排名从46位提升到31位
    if targets and _within(targets, raw.start):
        return MetricKind.TARGET
    if raw.unit in CHANGE_UNITS or change is not None:
        return MetricKind.CHANGE
    if raw.unit in ("倍", "times"):
        return MetricKind.RATIO
    if raw.currency or raw.unit.split("/")[0].endswith("元") or raw.unit in _MONEY_WORDS:
        return MetricKind.MONEY
    if raw.unit == "%":
        if _RATE_OF_RISE.search(masked, max(0, raw.start - 24), raw.start):
            return MetricKind.CHANGE
        return MetricKind.PERCENT
    return MetricKind.COUNT


_MONEY_WORDS = frozenset(("dollars", "yuan", "pence", "pence per share"))
# Units that name no thing counted: sums (45.2p), changes (up 1.2 percentage points) and
# multiples (1.5x) are of what the words before name, else of the figure before.
_NOT_COUNTED = _MONEY_WORDS | CHANGE_UNITS | {"times"}


def _falls(raw: _Raw, change: re.Match[str] | None, joined_to: _Raw | None) -> bool:
    """Tell whether a figure states a fall (下降1.7%, decreased 8%), which makes it negative.

    `change` is its change word (_change_word). A figure joined to the one before it (和, 、,
    and) without a change word of its own falls when that one does. Ranks and ratios keep their
    values (a place, a multiple).
    """
    if raw.kind in FIXED_KINDS:
        return False
    if change is not None:
        return _FALL_WORD.match(change.group()) is not None
    return joined_to is not None and joined_to.falls and joined_to.kind is raw.kind


def _respectively(masked: str, raws: list[_Raw], reverse: str) -> None:
    """Give each figure of a 分别 ("respectively") list its own item of the label's list.

    跨国公司地区总部、外资研发中心分别新增50家和20家: 50家 is 跨国公司地区总部, 20家 外资研发中心.
    A run of figures joined by 、/和/及 whose clause says 分别 before it takes the items of its
    label, when there are as many items as figures. A run whose label is no such list (比五年前
    分别增加236家和85家) takes the items of the run before it in the sentence, when as long.
    Without 分别, a list label of as many items as the run's figures is read the same way
    (城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%). With 分别 and no list, a
    sentence that states as many figures before the run, each labelled its own way, names its
    items so (接待游客1500万人次，实现旅游收入180亿元，分别增长12%和15%).
    """
    runs: list[list[_Raw]] = []
    for i, raw in enumerate(raws):
        if i and _JOINED.fullmatch(masked, raws[i - 1].end, raw.start):
            runs[-1].append(raw)
        else:
            runs.append([raw])
    before: tuple[list[_Raw], list[str]] | None = None  # the last run of two or more, its items
    for run in runs:
        if len(run) < 2 or any(raw.label != run[0].label for raw in run):
            continue
        # What follows 分别 in the label is the verb (普通高中和中职学校分别招生): not an item's.
        items = _list_items(run[0].label.split("分别", 1)[0], len(run))
        first = run[0].start
        says = "分别" in masked[_clause_start(reverse, first) : first]
        # Only 分别 borrows the list of the run before: 771家和481家，比五年前分别增加236家和85家.
        earlier = before if says and before is not None and len(before[1]) == len(run) else None
        if items is None and earlier is not None:
            items = earlier[1]
        own = masked[_clause_start(reverse, first) : first]
        if items is None and says and (not run[0].label or run[0].label not in own):
            # The run's clause names nothing of its own (比上年分别下降3.14%和4.66%).
            items = _items_of_clause_before(masked, reverse, raws, first, len(run))
        if items is None and says:
            # 接待游客1500万人次，实现旅游收入180亿元，分别增长12%和15%: as many figures before
            # the run, each of its own label, are what it names.
            preceding = [raw.label for raw in raws if raw.end <= first]
            if len(preceding) == len(run) and all(preceding) and len(set(preceding)) == len(run):
                items = preceding
        if items is None:
            continue
        if earlier is not None and earlier[1] == items:  # the same list, named again
            for raw, item in zip(*earlier, strict=True):
                raw.label = item
        for raw, item in zip(run, items, strict=True):
            raw.label = item
        before = run, items


def _items_of_clause_before(
    masked: str, reverse: str, raws: list[_Raw], first: int, count: int
) -> list[str] | None:
    """Return the count items of a list the clause before a 分别 run's own names, when that
    clause states no figure: 化学需氧量、二氧化硫排放总量近年来首次出现双下降，比上年分别下降3.14%和
    4.66% (both had taken the figure before's label, 单位国内生产总值能耗)."""
    own = _clause_start(reverse, first)
    if own < 1 or masked[own - 1] not in "，,":
        return None
    start = _clause_start(reverse, own - 1)
    if any(start <= raw.start < first for raw in raws):
        return None
    label = _clean_cn(masked[start : own - 1])
    if predicate := _CN_PREDICATE.search(label, 1):
        label = _clean_cn(label[: predicate.start()])
    return _list_items(_TIME_TAIL.sub("", label), count)


# When the clause before says a thing happened: 近年来首次出现双下降.
_TIME_TAIL = regex("(?:近年来|近几年|多年来|今年|去年|上年)$")


def _list_items(label: str, count: int) -> list[str] | None:
    """Return the count items of a list label (A、B和C), or None when it holds another number.

    When every item before the last has one or two characters, they modify the last item's
    noun in its first characters' place: 中、高等职业教育在校生 -> 中等职业教育在校生 and
    高等职业教育在校生; 城镇和农村常住居民人均可支配收入 -> 城镇常住居民… and 农村常住居民….
    """
    if count == 2 and label.startswith("城乡") and len(label) > 2:
        # 城乡低保标准分别提高13.1%和17.7%: the towns' and the countryside's, in that order
        return ["城镇" + label[2:], "农村" + label[2:]]
    items = label.split("、")
    if len(items) < count:
        items[-1:] = _LAST_JOIN.split(items[-1], maxsplit=1)
    if len(items) != count or not all(items):
        return None
    *modifiers, last = items
    if all(len(item) <= 2 < len(last) for item in modifiers):
        return [item + last[len(item) :] for item in modifiers] + [last]
    return items


# --------------------------------------------------------------------------- entry points


# Where a change starts: 从3.16万亿元增加到8.31万亿元, 由去年的1076亿元增加到…, from $0.63 to $0.73.
_STARTS_FROM = regex(r"(?:[从由]|\bfrom\s)[^，。；,;从由]{0,12}$", re.IGNORECASE)
_GOES_TO = regex(r"[^，。；,;\d]{0,4}?(?:[到至]|\sto\s)", re.IGNORECASE)

# A change against a year (比2002年): over several years if long before the report's (see
# _SPAN_OF_YEARS for the rest of what over_years reads).
_COMPARED_WITH_YEAR = regex(r"比((?:19|20)\d\d)年")
# A section that reviews several years (过去五年工作回顾, “十一五”时期国民经济和社会发展的回顾)
# states its figures for those years together, except in a sentence that names last year; so
# does a paragraph from a sentence that opens with the years on (过去五年，我国发展成就举世瞩目。).
_PLAN_PERIOD = regex(r"十[一二三四五六七八九]五[”\"]?时期")
_OPENS_REVIEW = regex(r"(?:过去|这|近)?[两三四五六七八九十]年(?:来|以来)?[，,]")
_LAST_YEAR = regex(r"去年|上年|((?:19|20)\d\d)年")
# A level reached (达到39.8万亿元, 增加到8.31万亿元, 积累7810亿元, 通车里程超过12万公里) is where
# the years ended: it compares with last year's level; so is a stock (外汇储备超过1.52万亿美元,
# 贷款余额, 汽车保有量).
_LEVEL_REACHED = regex(r"(?:[到至]|积累|里程|储备|余额|保有量)\s*$")


def reviews_years(heading: str) -> bool:
    """Tell whether a heading is that of a review of several years (过去五年工作回顾)."""
    return "回顾" in heading and bool(
        _SPAN_OF_YEARS.search(heading) or _PLAN_PERIOD.search(heading)
    )


def review_sentences(section: Section) -> set[int]:
    """Return the indices of a section's sentences that review several years: those of a
    paragraph from a sentence that opens with them (过去五年，… or 这五年，…) to its end."""
    found: set[int] = set()
    if not any(map(_OPENS_REVIEW.match, section.sentences)):
        return found  # the usual case
    text = section.text
    position, opened = 0, False
    for index, sentence in enumerate(section.sentences):
        at = text.find(sentence, position)  # found, when outline split the text
        # A line break since the last sentence starts a new paragraph, which ends the review.
        opened = opened and at >= 0 and text.find("\n", position, at) < 0
        if at >= 0:
            position = at + len(sentence)
        if _OPENS_REVIEW.match(sentence):
            opened = True
        if opened:
            found.add(index)
    return found


def _names_last_year(sentence: str, end: int, year: int | None) -> bool:
    """Tell whether sentence[:end] says 去年 or 上年, or names the year before the report's."""
    for m in _LAST_YEAR.finditer(sentence, 0, end):
        if m.group(1) is None or (year is not None and int(m.group(1)) == year - 1):
            return True
    return False


class _Spans(NamedTuple):
    """What over_years asks of a sentence, found once per sentence (see _spans)."""

    reverse: str  # the sentence reversed
    years_end: int  # where its first span of years (五年来) ends; past its end when none
    clauses: bool  # it says 年均 or 比 (a clause of the figure's may name a span)
    english: re.Match[str] | None  # its English span of years ("over the next five years")


@functools.lru_cache(maxsize=64)
def _spans(sentence: str) -> _Spans:
    """Return what over_years asks of a sentence: found once per sentence, not once per figure,
    so that a sentence of thousands of figures costs no scan from its start for each. A span
    ending before a figure is one that _SPAN_OF_YEARS finds before it: a figure starts with no
    character its lookahead refuses (前, 后, 级, 制, 行动…)."""
    span = _SPAN_OF_YEARS.search(sentence)
    return _Spans(
        sentence[::-1],
        span.end() if span else len(sentence) + 1,
        "年均" in sentence or "比" in sentence,
        _EN_SPAN_OF_YEARS.search(sentence) if "years" in sentence else None,
    )


# An English span of several years: "over the next five years", "over four years".
_EN_SPAN_OF_YEARS = regex(
    r"\bover\s+(?:the\s+)?(?:next\s+|past\s+|last\s+|coming\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years\b",
    re.IGNORECASE,
)
_EN_PER_YEAR = regex(
    r"\s*(?:per\s+year|a\s+year|each\s+year|every\s+year|annually|per\s+annum)\b", re.IGNORECASE
)
_FIGURE_TEXT = regex(r"[^\s,;]*(?:\s+(?:million|billion|trillion))?")


def _figure_end(sentence: str, start: int) -> int:
    """Return where the English figure at sentence[start:] ends, near enough ($1.8 billion)."""
    return _FIGURE_TEXT.match(sentence, start).end()  # type: ignore[union-attr]


# A year's mean, not a mean over years: PM2.5年均浓度降至32微克/立方米 is one year's level.
_YEARLY_MEAN = regex("年均(?:浓度|气温|降水|降雨|湿度)")


def over_years(
    sentence: str, start: int, *, year: int | None = None, in_review: bool = False
) -> bool:
    """Tell whether the figure at sentence[start:] is stated for several years together.

    Given the report's year, a change against a year more than two before it in the figure's
    clause counts too (比2002年增长65.5% in the 2008 report). In a section that reviews several
    years (in_review: see reviews_years) every figure does, unless it is a level reached
    (达到39.8万亿元) or its sentence names last year before it (去年, 2010年 in the 2011 report).
    In English, a sentence that names a span of years ("over the next five years") states its
    figures for it, except those stated per year.
    """
    reverse, years_end, clauses, span = _spans(sentence)
    if span is not None:
        # "$12 million over four years", "Over the next three years, I will allocate $24
        # billion": not a sum per year ("$1.8 billion per year over the next five years"), nor
        # the span's own number ("over the next 15 years").
        return not span.start() <= start < span.end() and not _EN_PER_YEAR.match(
            sentence, _figure_end(sentence, start)
        )
    if years_end <= start:
        return True
    if (
        in_review
        and not _names_last_year(sentence, start, year)
        and not _LEVEL_REACHED.search(sentence, max(0, start - 3), start)
    ):
        return True
    if not clauses:
        return False  # most sentences: no 年均 or 比 in any clause
    clause = _clause_start(reverse, start)
    if _says_nian_jun(sentence, clause, start):
        return True
    base = _COMPARED_WITH_YEAR.search(sentence, clause, start)
    return base is not None and year is not None and int(base.group(1)) < year - 2


class Clauses:
    """The clauses of a sentence (between ，；：。 and the like), to ask what each one names."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._marks = [m.start() for m in _CLAUSE_END.finditer(sentence)]

    def around(self, at: int) -> tuple[int, int]:
        """Return the start and end offsets of the clause that holds sentence[at]."""
        k = bisect.bisect_left(self._marks, at)
        start = self._marks[k - 1] + 1 if k else 0
        return start, self._marks[k] if k < len(self._marks) else len(self.sentence)

    def names(self, name: str, at: int) -> bool:
        """Tell whether the clause that holds sentence[at] names something."""
        start, end = self.around(at)
        return self.sentence.find(name, start, end) >= 0

    def name_without_figure(
        self, name: str, figures: Sequence[int], start: int = 0, end: int | None = None
    ) -> bool:
        """Tell whether the sentence names something, and only in clauses that state no figure.

        `figures` are the offsets where the sentence's figures start, in order; only names in
        sentence[start:end] are looked at.
        地方一般公共预算收入与上年基本持平 names the revenue and gives no figure for it; 确定17所初中为基础学科分层走班试点学校 names
        the schools in the clause of their figure. A name of one character is found too easily to
        tell anything.
        """
        end = len(self.sentence) if end is None else end
        at = self.sentence.find(name, start, end) if len(name) > 1 else -1
        if at < 0:
            return False
        while at >= 0:
            clause_start, clause_end = self.around(at)
            k = bisect.bisect_left(figures, clause_start)  # the first figure from the clause on
            if k < len(figures) and figures[k] < clause_end:
                return False
            at = self.sentence.find(name, at + 1, end)
        return True


# "in 2017, 2016 and 2015" / "as of September 30, 2017 and September 24, 2016" before
# "respectively": the years a list of figures is stated for, one figure each.
_LISTED_YEAR = rf"(?:(?:{MONTHS})\s+\d{{1,2}},\s+)?(?:fiscal\s+)?({_YEAR.pattern})\b"
_YEAR_LIST = regex(rf"{_LISTED_YEAR}(?:,\s+{_LISTED_YEAR})*,?\s+and\s+{_LISTED_YEAR}")
_LIST_JOIN = regex(r",?\s+and\s+|,\s+")


def year_list_columns(sentence: str, figures: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Return the column of each figure of an English list stated for a list of years ("1.99%,
    1.73% and 1.49% in 2017, 2016 and 2015, respectively"): 1 for the latest year, 2 for the
    year before, and so on, as a filing's table has them; or of a figure and its comparative
    ("£1,400m (2021: £1,250m)": 1 and 2). `figures` are the (start, end) of the
    sentence's figures in order; the result maps their indexes. Empty for any other sentence.
    """
    if len(figures) < 2:
        return {}
    if "respectively" not in sentence:  # a figure and last year's: columns 1 and 2
        columns = {}
        for current, last in last_year_figures(sentence, figures).items():
            columns[current], columns[last] = 1, 2
        return columns
    years_found = _YEAR_LIST.search(sentence)
    if years_found is None:
        return {}
    years = [int(y) for y in _YEAR.findall(sentence, *years_found.span())]
    if len(set(years)) != len(years):
        return {}
    # The runs of figures joined as a list (A, B and C): the one of as many figures as years.
    # Two such lists for one list of years ("of $1.4 billion and $1.5 billion, respectively,
    # resulting in net derivative assets of $32 million and $160 million, respectively") would
    # make one row of two figures a column: the sentence stays prose.
    runs: list[list[int]] = [[0]]
    for k in range(1, len(figures)):
        if _LIST_JOIN.fullmatch(sentence, figures[k - 1][1], figures[k][0]):
            runs[-1].append(k)
        else:
            runs.append([k])
    fitting = [run for run in runs if len(run) == len(years)]
    if len(fitting) != 1:
        return {}
    run = fitting[0]
    latest_first = sorted(years, reverse=True)
    return {k: latest_first.index(year) + 1 for k, year in zip(run, years, strict=True)}


# Last year's figure in brackets after this year's, as British and European annual reports give
# it: "Revenue of £1,400m (2021: £1,250m)".
_COMPARATIVE_OPENS = regex(r"\s*[(（]\s*(?:FY\s?)?(?P<year>(?:19|20)\d\d)\s*[:：]\s*")
_COMPARATIVE_CLOSES = regex(r"\s*[)）]")


# A change from one figure to another, told without naming a year: "Net debt fell to £350m from
# £420m", "up from £420m", "from 1.5% to 1.7%", 优良率从上学年全省第7位上升到第3位, 财政补助标准由每人
# 每年320元提高到380元. The start is taken for last year's figure, as a comparative is: where the
# other year states it (补助标准提高到人均320元, the year before), the two reports' figures move on
# a year as a table's columns do (see metrics._shift); where neither states the other's, start
# pairs with start as before. A start that names its year (从2002年1288亿元增加到…, 从2007年底的8.4%
# 提升到…) is years back, and no such start.
_FROM_LAST_YEAR_CN = regex(r"[从由][^，。；,;：:从由\d]{0,8}$")
_EN_ABOUT = r"(?:(?:about|around|approximately|some|nearly|almost)\s+)?"
_EN_FROM_OPENS = regex(rf"\bfrom\s+{_EN_ABOUT}$")
_EN_FROM_TO = regex(rf"\s+to\s+{_EN_ABOUT}")
_EN_TO_OPENS = regex(rf"\bto\s+{_EN_ABOUT}$")
_EN_TO_FROM = regex(rf"\s+from\s+{_EN_ABOUT}")
_EN_UP_FROM = regex(rf",?\s+(?:up|down)\s+from\s+{_EN_ABOUT}")
_CHAIN_HINT = regex(rf"\bfrom\s|[从由][^，。；,;：:从由\d]{{0,8}}[\d{CN_DIGITS}]")


def _may_chain(sentence: str) -> bool:
    """Tell at a glance whether a sentence may tell a change from last year's figure."""
    return ("从" in sentence or "由" in sentence or "from" in sentence) and bool(
        _CHAIN_HINT.search(sentence)
    )


def _from_last_year(sentence: str, figures: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return (this year's figure, last year's) of each change told from last year's figure to
    this year's (see _FROM_LAST_YEAR_CN), by their indexes among `figures`."""
    found: list[tuple[int, int]] = []
    if not _may_chain(sentence):
        return found  # most sentences, told at a glance
    for k in range(1, len(figures)):
        (start, end), next_start = figures[k - 1], figures[k][0]
        before = sentence[max(0, start - 12) : start]
        if _FROM_LAST_YEAR_CN.search(before):
            if _GOES_TO.fullmatch(sentence, end, next_start):
                found.append((k, k - 1))  # 从上学年全省第7位上升到第3位
        elif _EN_FROM_OPENS.search(before):
            if _EN_FROM_TO.fullmatch(sentence, end, next_start):
                found.append((k, k - 1))  # from 1.5% to 1.7%
        elif (
            _EN_TO_OPENS.search(before) and _EN_TO_FROM.fullmatch(sentence, end, next_start)
        ) or _EN_UP_FROM.fullmatch(sentence, end, next_start):
            found.append((k - 1, k))  # to £350m from £420m; £1,400m, up from £1,250m
    return found


# Last year's figure told in words beside this year's: 全年研发经费支出170亿元，上年为150亿元;
# 城镇调查失业率4.5%，比上年末的5.1%下降0.6个百分点; "R&D expense was $170 million in 2022,
# compared to $150 million in 2021" (or "compared with $150 million in the prior year", "($150
# million in 2021)", "up from $150 million in 2021"). Taken for last year's figure as a
# comparative in brackets is (see _from_last_year). A change against last year (比上年增长5%)
# states no figure of last year's, nor does "compared to 2021" without one; a figure said to
# be of a year other than the one before this figure's ("$120 million in 2019") is years back.
_CN_LAST_YEAR = r"(?:上一?年|去年)(?:同期|年末|年底|末|底)?"
_CN_LAST_YEAR_BEFORE = regex(
    r"(?:^|[，,；;]\s*(?:而|但)?)\s*"
    rf"(?:{_CN_LAST_YEAR}(?:为|是)|(?:比|较|低于|高于|少于|多于|好于|优于|超过|与|同){_CN_LAST_YEAR}的)"
    r"\s*(?:增长|增加|下降|减少)?\s*(?:约|近|仅为?|只有|达)?\s*$"
)
_EN_YEAR_OF = (
    r"(?:(?:in|during|for)\s+(?:fiscal\s+(?:year\s+)?)?|as\s+of\s+(?:{months})\s+\d{{1,2}},\s+)"
    r"(?P<{name}>(?:19|20)\d\d)\b"
)
_EN_THIS_YEAR = rf"(?:\s+{_EN_YEAR_OF.format(months=MONTHS, name='this')})?"
_EN_COMPARED = r"(?:(?:as\s+)?compared\s+(?:to|with)|versus|vs\.?)\s+"
_EN_LAST_OPENS = regex(
    rf"{_EN_THIS_YEAR}(?:"
    # ", compared to a maximum one-day loss in fair value of $485 million" (Apple's)
    rf",?\s+{_EN_COMPARED}(?:(?:an?|the)\s+(?:[\w-]+\s+){{0,8}}?of\s+)?(?P<compared>)"
    rf"|\s*\((?:(?:up|down)\s+from\s+|{_EN_COMPARED})?(?P<bracket>)"
    r"|,?\s+(?:up|down)\s+from\s+"
    rf"){_EN_ABOUT}"
)
_EN_LAST_YEAR_AFTER = regex(
    rf"\s+(?:{_EN_YEAR_OF.format(months=MONTHS, name='last')}"
    r"|(?:(?:in|during|for)\s+)?the\s+(?:prior|previous|preceding)\s+(?:fiscal\s+)?year\b"
    r"|last\s+year\b|a\s+year\s+(?:earlier|ago|before)\b)"
)
_EN_CLOSES = regex(r"\s*\)")
# What a figure's text says beside its number: its unit (亿元, $ … million, %), told apart.
_NOT_UNIT = regex(
    r"[\d.,，\s]+|[十百千万亿多余约近]|左右|以上|以下"
    r"|(?<![A-Za-z])(?:thousand|million|billion|trillion|bn|m|k)(?![A-Za-z])"
)


def _may_say_last_year(sentence: str) -> bool:
    """Tell at a glance whether a sentence may state last year's figure in words."""
    return (
        "上年" in sentence
        or "去年" in sentence
        or "上一年" in sentence
        or (
            sentence[:1].isascii()
            and (
                "(" in sentence or "compared" in sentence or "from" in sentence or "vs" in sentence
            )
        )
    )


def _said_of_last_year(
    sentence: str, figures: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int | None, int | None]]:
    """Return (this year's figure, last year's, the years they are said to be of or None) of
    each figure the sentence says is last year's (see _CN_LAST_YEAR_BEFORE), by their indexes
    among `figures`. This year's is the figure before it (in Chinese, the nearest before it in
    the same unit: 170亿元，增长13.3%，上年同期为150亿元)."""
    found: list[tuple[int, int, int | None, int | None]] = []
    if len(figures) < 2 or not _may_say_last_year(sentence):
        return found  # most sentences, told at a glance
    units = [_NOT_UNIT.sub("", sentence[start:end]) for start, end in figures]
    for k in range(1, len(figures)):
        (_, end), (start, last_end) = figures[k - 1], figures[k]
        if _CN_LAST_YEAR_BEFORE.search(sentence[end:start]):  # (^: where it starts)
            this = next((j for j in range(k - 1, -1, -1) if units[j] == units[k]), None)
            if this is not None:
                found.append((this, k, None, None))  # 170亿元，上年为150亿元
            continue
        opens = _EN_LAST_OPENS.fullmatch(sentence, end, start)
        if opens is None or units[k - 1] != units[k]:
            continue
        after = _EN_LAST_YEAR_AFTER.match(sentence, last_end)
        if after is None and opens["compared"] is not None:
            continue  # "compared to $150 million" of no year said: a budget, a peer's
        if opens["bracket"] is not None and not (after and _EN_CLOSES.match(sentence, after.end())):
            continue  # "($150 million in 2021)" only
        this_year = int(opens["this"]) if opens["this"] else None
        last_year = int(after["last"]) if after and after["last"] else None
        if this_year is not None and last_year is not None and last_year != this_year - 1:
            continue  # "$170 million in 2022, compared to $120 million in 2019": years back
        found.append((k - 1, k, this_year, last_year))
    return found


def yearly_average(sentence: str, start: int, reverse: str | None = None) -> bool:
    """Tell whether the figure at sentence[start:] is a yearly average of several years (年均增长
    10.6%, 平均每年城镇新增就业1000多万人, "at a compound annual rate of 5%"), not their sum or
    the change across them (比2002年增长65.5%, 五年城镇新增就业5870万人). `reverse`: the sentence
    reversed, when the caller has it (a sentence of thousands of figures is not reversed for
    each)."""
    clause = _clause_start(sentence[::-1] if reverse is None else reverse, start)
    return bool(
        _says_nian_jun(sentence, clause, start)
        or _AVERAGE_CN.search(sentence, clause, start)
        or _EN_AVERAGE.search(sentence, clause, start)
    )


def _says_nian_jun(sentence: str, clause: int, start: int) -> bool:
    """Tell whether sentence[clause:start] says 年均 of years (年均增长, not 年均浓度)."""
    at = sentence.find("年均", clause, start)
    return at >= 0 and not _YEARLY_MEAN.match(sentence, at)


# Words before a figure that make it a yearly average (年均 aside: 年均浓度 is no average of
# years).
_AVERAGE_CN = regex("平均每年|每年平均|年平均(?!浓度|气温|降水)")
_EN_AVERAGE = regex(r"(?i:\b(?:average\s+annual|annual\s+average|compound\s+annual)\b)")


def may_list_years(sentence: str) -> bool:
    """Tell at a glance whether a sentence may state figures for a list of years, or with their
    comparatives or last year's figure (see year_list_columns)."""
    return (
        "respectively" in sentence
        or ("(" in sentence and ":" in sentence)
        or _may_chain(sentence)
        or _may_say_last_year(sentence)
    )


def _comparatives(sentence: str, figures: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Return (this year's figure, its comparative, the comparative's year) of each figure
    stated with last year's in brackets, by their indexes among `figures`."""
    found: list[tuple[int, int, int]] = []
    if ":" not in sentence and "：" not in sentence:
        return found  # most sentences, told at a glance
    for k in range(1, len(figures)):
        opens = _COMPARATIVE_OPENS.fullmatch(sentence, figures[k - 1][1], figures[k][0])
        if opens and _COMPARATIVE_CLOSES.match(sentence, figures[k][1]):
            found.append((k - 1, k, int(opens["year"])))
    return found


def last_year_figures(sentence: str, figures: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Return, for each figure stated with last year's beside it, the index of last year's among
    `figures`: "£1,400m (2021: £1,250m)" and "to £350m from £420m" map 0 to 1,
    从上学年全省第7位上升到第3位 maps 1 to 0 (see year_list_columns)."""
    if "respectively" in sentence:
        return {}
    found = {current: comparative for current, comparative, _ in _comparatives(sentence, figures)}
    found.update(_from_last_year(sentence, figures))
    found.update((this, last) for this, last, _, _ in _said_of_last_year(sentence, figures))
    return found


def year_list_years(
    sentence: str,
    figures: Sequence[tuple[int, int]],
    year: int | None = None,
    *,
    starts: bool = True,
) -> dict[int, int]:
    """Return the year of each figure of an English list stated for a list of years ("1.99%,
    1.73% and 1.49% in 2017, 2016 and 2015, respectively": 2017, 2016, 2015), or of a figure
    and its comparative ("£1,400m (2021: £1,250m)": 2022, 2021), by index among `figures` (see
    year_list_columns); in a report of `year`, of a change from last year's figure ("to £350m
    from £420m": 2022, 2021; with starts=False not, as its start names no year and may be
    years back) and of one said to be last year's (上年为150亿元: 2022, 2021). Empty for any
    other sentence."""
    if "respectively" not in sentence:  # "£1,400m (2021: £1,250m)": 2022, 2021
        years = {}
        for current, comparative, stated in _comparatives(sentence, figures):
            years[current], years[comparative] = stated + 1, stated
        if year is not None and starts:
            for current, last in _from_last_year(sentence, figures):
                years[current], years[last] = year, year - 1
        for current, last, this_year, last_year in _said_of_last_year(sentence, figures):
            if last_year is not None:  # "compared to $150 million in 2021"
                years[current], years[last] = this_year or last_year + 1, last_year
            elif this_year is not None:  # "$170 million in 2022, … in the prior year"
                years[current], years[last] = this_year, this_year - 1
            elif year is not None:  # 上年为150亿元
                years[current], years[last] = year, year - 1
        return years
    columns = year_list_columns(sentence, figures)
    listed = _YEAR_LIST.search(sentence) if columns else None
    if listed is None:
        return {}
    latest_first = sorted({int(y) for y in _YEAR.findall(sentence, *listed.span())}, reverse=True)
    return {k: latest_first[column - 1] for k, column in columns.items()}


# An English sentence that opens with the year it reports on: "During 2018, the Company spent
# $73.1 billion…", "In fiscal 2017, …", "In May 2018, the Company announced…".
_OPENS_WITH_YEAR = regex(
    rf"\s*(?:During|In|For)\s+(?:fiscal\s+(?:year\s+)?|(?:{MONTHS})\s+)?((?:19|20)\d\d)\b(?!\s*(?:-|–|to)\s*\d)"
)


# "As of September 24, 2016, the total amount of gross unrecognized tax benefits was $7.7
# billion": a balance of that year's end (not "As of September 29, 2018 and September 30, 2017")
_OPENS_AS_OF = regex(rf"\s*As\s+of\s+(?:{MONTHS})\s+\d{{1,2}},\s+((?:19|20)\d\d)\b(?!,?\s+and\s)")
# "Cash used in financing activities of $87.9 billion during 2018 consisted primarily of…";
# "Net sales increased 16% or $36.4 billion during 2018 compared to 2017".
_DURING_YEAR = regex(
    r"\bduring\s+(?:fiscal\s+(?:year\s+)?)?((?:19|20)\d\d)\b"
    r"(?:\s+compared\s+(?:to|with)\s+(?:fiscal\s+(?:year\s+)?)?((?:19|20)\d\d)\b)?"
)


def stated_for_year(sentence: str) -> int | None:
    """Return the year an English sentence says its figures are for, by its opening ("During
    2018, …": 2018; "As of September 24, 2016, …": 2016) or by "during 2018" in a sentence that
    names no other year but the one it is compared to ("… during 2018 compared to 2017"); else
    None. A 10-K tells each figure of its year and of the year before, in sentences of their own
    ("During 2017, the Company spent $33.0 billion…" in both filings).
    """
    if not sentence[:1].isascii():
        return None  # most Chinese sentences, told at a glance
    found = _OPENS_WITH_YEAR.match(sentence) or _OPENS_AS_OF.match(sentence)
    if found:
        return int(found.group(1))
    during = _DURING_YEAR.search(sentence) if "during" in sentence else None
    if during and set(_YEAR.findall(sentence)) <= {during.group(1), during.group(2)}:
        return int(during.group(1))  # the year it names, or the one compared to another
    return None


# The dates a balance is stated as of: "As of September 30, 2017, …", "… as of both September
# 29, 2018 and September 30, 2017".
_AS_OF_DATES = regex(
    rf"\b[Aa]s\s+of\s+(?:both\s+)?(?:{MONTHS})\s+\d{{1,2}},\s+((?:19|20)\d\d)\b"
    rf"(?:,?\s+and\s+(?:{MONTHS})\s+\d{{1,2}},\s+((?:19|20)\d\d)\b)?"
)


def years_stated(sentence: str) -> set[int]:
    """Return the years an English sentence states its figures for when it lists none of them
    year by year: the year it opens with (stated_for_year), and the dates of the balances it
    states ("… accounted for 59% of total trade receivables as of both September 29, 2018 and
    September 30, 2017": 2018 and 2017)."""
    years = set()
    if (year := stated_for_year(sentence)) is not None:
        years.add(year)
    if "s of " in sentence:
        for found in _AS_OF_DATES.finditer(sentence):
            years.update(int(y) for y in found.groups() if y)
    return years


# A cash flow stated as cash used: its figure is negative, as a cash flow statement writes it.
_CASH_USED = regex(r"(?:net )?cash used (?:in|by) (?:\w+ )?activities", re.IGNORECASE)


def starts_a_change(sentence: str, start: int, end: int) -> bool:
    """Tell whether the figure at sentence[start:end] is the value a change starts from."""
    return bool(
        _GOES_TO.match(sentence, end, end + 8)
        and _STARTS_FROM.search(sentence, max(0, start - 14), start)
    )


@functools.lru_cache(maxsize=256)
def _caption_unit(unit: str) -> tuple[str, str, MetricKind] | None:
    """Return the unit, scale and kind a table caption's unit gives a cell (万元: 万元, 万,
    money), as the figure grammar reads 1 in that unit; None when it reads no such figure."""
    found = extract_metrics(f"1{unit}")
    if len(found) == 1 and found[0].text == f"1{unit}" and found[0].unit:
        return found[0].unit, found[0].scale, found[0].kind
    # 千元, which the grammar reads in no sentence (三千元 is a number): a scale, then a unit.
    for size in (2, 1):
        scale, rest = unit[:size], unit[size:]
        base = _caption_unit(rest) if scale in SCALES and rest else None
        if base is not None and not base[1]:
            return unit, scale, base[2]
    return None


def extract_metrics(
    sentence: str, *, section: str = "", index: int = 0, pages: bool = True
) -> tuple[Metric, ...]:
    """Return every stated quantity of one sentence, in order, with offsets into the sentence.

    `section` and `index` (the sentence's place in it) are copied into each Metric. With
    pages=False a table row's last cell is read though it looks like a contents' page number
    (see _value_rows).
    """
    return tuple(
        _metric(
            v, unit, scale, qual, kind, label, sentence[a:b], section, index, a, b, upper, *_BARE
        )
        for v, unit, scale, qual, kind, label, a, b, upper in _quantities(sentence, pages)
    )


# Metric(value=..., ..., upper=...) with every field in order, at a fifth of the cost: one
# Metric is made per figure of every sentence.
_metric = fast_constructor(Metric)
# The last fields (group, over_years, caption_scale, column, cell): attach_metrics sets them.
_BARE = ("", False, "", "", 0)
_over_years = fast_replacer(Metric, "over_years")
# The kinds a review of several years states summed over them (not a share, rate or rank).
SUMMED_KINDS = frozenset({MetricKind.COUNT, MetricKind.MONEY, MetricKind.CHANGE})


# What extract_metrics reports of one quantity, less the text and the sentence's place.
_Found = tuple[Decimal, str, str, str, MetricKind, str, int, int, Decimal | None]


# Sentences whose quantities are kept: a whole report's distinct sentences, so that the next
# year's are found there (15 MB of Chinese text holds some 40,000; 8,192 lost them past 1.5 MB).
# About 400 bytes each at most (a sentence without figures keeps an empty tuple).
QUANTITIES_CACHE = 1 << 16


@functools.lru_cache(maxsize=QUANTITIES_CACHE)
def _quantities(sentence: str, pages: bool = True) -> tuple[_Found, ...]:
    """Return the quantities of one sentence as plain tuples.

    Cached (a pure function of the text): next year's report repeats many of this year's
    sentences word for word, and a sentence read for one report is then free for the other.
    """
    if not _HAS_NUMBER.search(sentence) and not _may_hold_en_fraction(sentence):
        return ()
    row = " | " in sentence  # a table's row
    if row and _EXHIBIT_ROW.search(sentence):
        return ()
    masked = _mask(sentence, pages=pages)
    reverse = masked[::-1]
    raws = _scan(sentence, masked, reverse)
    if not raws or (row and _heads_columns(sentence, raws)):
        return ()
    debt = _EN_DEBT_ROW.match(sentence) if row else None
    if debt:
        raws = [raw for raw in raws if raw.start >= debt.end(1)]  # the coupon names the notes
        if not raws:
            return ()
    if "兑" in sentence:
        raws = _exchange_rates(masked, raws)
    sentence_reverse = reverse if masked is sentence else sentence[::-1]
    targets = _merged(_target_ranges(masked))
    found: list[_Found] = []
    boundary, previous = 0, ""
    for i, raw in enumerate(raws):
        change = _change_word(masked, raw)
        raw.kind = _settle_kind(masked, raw, targets, reverse, change)
        joined = i and _JOINED.fullmatch(masked, raws[i - 1].end, raw.start)
        if joined and raws[i - 1].kind is MetricKind.CHANGE and raw.kind is not MetricKind.TARGET:
            raw.kind = MetricKind.CHANGE
        # 分别下降3.14%和4.66%: both fall; 增长8%和下降2%: the second has a word of its own.
        raw.falls = _falls(raw, change, raws[i - 1] if joined else None)
        if raw.falls and raw.value > 0:
            raw.value = -raw.value
            raw.upper = None if raw.upper is None else -raw.upper
        named_after = i > 0 and boundary > raws[i - 1].end  # the last label was a noun after it
        raw.label = _label(
            sentence, raw, boundary, previous, sentence_reverse, named_after=named_after
        )
        if raw.currency and raw.value > 0 and _CASH_USED.fullmatch(raw.label) and not row:
            # "Cash used in investing activities of $46.4 billion": a cash flow out, written
            # negative in the filing's own table ((46,446)); next year's "cash generated by
            # investing activities of $16.1 billion" is then a rise of $62.5 billion, not a fall.
            # (A table's cells keep the signs they are written with.)
            raw.value = -raw.value
            raw.upper = None if raw.upper is None else -raw.upper
        boundary = max(raw.end, raw.noun_end)
        previous = raw.label
    if debt:
        notes = " ".join(debt.group(1).split())
        due = debt.group(2)
        for raw in raws:
            raw.label = f"{notes} due {due}" if due and "due" not in notes else notes
    # 完成55.3万平方米、2.9万户中心城区旧里改造: two measures of what the second one names.
    for raw, after in zip(reversed(raws[:-1]), reversed(raws[1:]), strict=True):
        if (
            not raw.label
            and after.noun_end > after.end
            and _CONJUNCTION.fullmatch(masked, raw.end, after.start)
        ):
            raw.label = after.label
    if len(raws) > 1:
        _respectively(masked, raws, reverse)
    for raw in raws:
        found.append(
            (
                raw.value,
                raw.unit,
                raw.scale,
                raw.qualifier,
                raw.kind,
                raw.label,
                raw.start,
                raw.end,
                raw.upper,
            )
        )
    return tuple(found)


# An exchange rate: 1美元兑6.3757元人民币 is one figure, the price of one unit of a currency.
_EXCHANGED = regex(r"\s*兑换?\s*")


def _exchange_rates(masked: str, raws: list[_Raw]) -> list[_Raw]:
    """Return the figures with each "1美元兑" taken into the price after it: one figure, quoted
    from the 1 (1美元兑6.3757元), in the unit of the price."""
    kept: list[_Raw] = []
    for raw in raws:
        before = kept[-1] if kept else None
        if (
            before is not None
            and before.value == 1
            and before.unit.endswith("元")
            and raw.unit.endswith("元")
            and _EXCHANGED.fullmatch(masked, before.end, raw.start)
        ):
            raw.start = before.start
            kept[-1] = raw
        else:
            kept.append(raw)
    return kept


# The head of a contents' column of pages: "Index to Consolidated Financial Statements | Page".
_PAGES_HEAD = regex(r"\bpages?\b|页码|页次", re.IGNORECASE)


def _value_rows(sentences: Sequence[str]) -> set[int]:
    """Return the table rows whose last cell, a small number alone, is a value and not a
    contents' page number (_PAGE_CELL): a row under a head of columns that names no pages
    (项目 | 金额（亿元）, then 一般公共预算收入 | 300), or of a table without a head whose such
    numbers fall somewhere (一般公共预算收入 | 300, 税收收入 | 250): a contents' pages only
    rise."""
    found: set[int] = set()
    run: list[tuple[int, int]] = []  # a table's rows without a head so far: (index, number)
    headed = False
    for index, sentence in enumerate((*sentences, "")):
        if " | " not in sentence:  # the table has ended
            if any(after < before for (_, before), (_, after) in itertools.pairwise(run)):
                found.update(k for k, _ in run)
            run, headed = [], False
        elif page := _PAGE_CELL.search(sentence):
            if headed:
                found.add(index)
            else:
                run.append((index, int(page.group())))
        elif is_head([cell.strip() for cell in sentence.split("|")]):
            headed = not _PAGES_HEAD.search(sentence)
    return found


# A sentence that names the goals goes on in the next when it ends ；or ：(主要预期目标是：…；).
_LIST_GOES_ON = ("；", ";", "：", ":")


@collector_paused()
def attach_metrics(report: Report) -> Report:
    """Return the report with `metrics` filled from every sentence of the preamble and sections
    (of a report in Traditional Chinese, read through a Simplified copy: compare.traditional).
    """
    sentences = (sentence for section in report.bodies() for sentence in section.sentences)
    if traditional.is_traditional(sentences) and traditional.available():
        return traditional.read_through_simplified(report, _attach_metrics)
    return _attach_metrics(report)


def _attach_metrics(report: Report) -> Report:
    """Return the report with `metrics` filled from every sentence of the preamble and sections.

    The figures of a list of goals are targets to its end: 主要预期目标是：国内生产总值增长8%左右；
    城镇新增就业900万人以上；…。 (its items are sentences of their own). So are those of a
    breakdown of a goal: 拟安排财政赤字1.62万亿元…。其中，中央财政赤字1.12万亿元…；地方财政赤字…。
    """
    sections = report.bodies()
    # Sections under a heading that reviews several years (过去五年工作回顾): all their sentences do.
    reviewing = {s.id for top in report.sections if reviews_years(top.heading) for s in top.walk()}
    found: list[Metric] = []
    for section in sections:
        if section is report.preamble:
            reviewed: Sequence[int] | set[int] = ()
        elif section.id in reviewing:
            reviewed = range(len(section.sentences))
        else:
            reviewed = review_sentences(section)
        repeated: set[str] | None = None  # the row names the section repeats, once asked
        goals = False  # inside a list of goals
        after_goal = False  # the sentence before set a goal
        parts_go_on = False  # the sentence before is a part of a breakdown, ending in ；
        group = _Group()
        title = ""  # a line naming the table that follows (see _TABLE_TITLE)
        scales = TableScales()  # the scale of the table being read ("(in millions)")
        columns = TableColumns()  # the head row of the table being read
        units = TableUnits(_caption_unit)  # the unit of the table being read ("单位：万元")
        marks = _footnote_marks(section.sentences)
        previous: tuple[Metric, ...] = ()  # the figures of the sentence before
        values: set[int] | None = None  # the rows whose last small number is a value, once asked
        for index, sentence in enumerate(section.sentences):
            pages = True  # a row's last small number may be a contents' page number
            if " | " in sentence and _PAGE_CELL.search(sentence):
                if values is None:
                    values = _value_rows(section.sentences)
                pages = index not in values
            metrics = extract_metrics(sentence, section=section.id, index=index, pages=pages)
            if marks and metrics and " | " in sentence:
                metrics = _without_marks(metrics, sentence, marks)
            if " | " not in sentence:
                head = _group_head(sentence)
                if head or group.head:
                    group = _Group(head)
                if not head and _TABLE_TITLE.fullmatch(sentence):
                    title = sentence.strip()  # "iPad", over "The following table presents …"
                elif not (title and _INTRODUCES_TABLE.match(sentence)):
                    title = ""
            else:
                if title and not group.head:
                    group, title = _Group(title), ""  # the table's rows are named by its title
                if group.head and metrics:
                    if repeated is None:
                        repeated = _repeated_row_names(section)
                    metrics = group.name(metrics, sentence, repeated)
            metrics = units.read(sentence, metrics)
            metrics = columns.read(sentence, metrics)
            metrics = scales.read(sentence, metrics)  # by the row, or by the column when unsure
            breakdown = parts_go_on or (after_goal and sentence.startswith("其中"))
            if goals:
                metrics = tuple(_as_target(m) for m in metrics)
            elif breakdown:  # its parts are goals; a change beside one (增加1700亿元) stays one
                metrics = tuple(
                    m if m.kind is MetricKind.CHANGE else _as_target(m) for m in metrics
                )
            if (
                previous
                and metrics
                and ("his " in sentence or "It " in sentence or " it " in sentence)
                and _EN_IT_CHANGES.search(sentence)
                and (named := next((m.label for m in reversed(previous) if m.label), ""))
            ):
                # "…the minimum qualifying salary for new EP applicants will be raised from the
                # current $4,500 to $5,000. For the financial services sector, …, this will be
                # raised from the current $5,000 to $5,500.": this is what the sentence before
                # raised, for whom the sentence opens with.
                scope = _EN_FOR_WHOM.match(sentence)
                label = f"{named} ({scope.group(1)})" if scope else named
                metrics = tuple(
                    m if m.label else dataclasses.replace(m, label=label) for m in metrics
                )
            previous = metrics
            reviews = index in reviewed
            # Else no span of years (五年来, 年均, 比2002年, over five years) is named.
            if reviews or "年" in sentence or "years" in sentence:
                metrics = tuple(_spanning(m, sentence, report.year, reviews) for m in metrics)
            found.extend(metrics)
            goals = sentence.rstrip().endswith(_LIST_GOES_ON) and (
                goals or _GOALS_FOLLOW.search(sentence) is not None
            )
            after_goal = any(m.kind is MetricKind.TARGET for m in metrics)
            parts_go_on = breakdown and sentence.rstrip().endswith(_LIST_GOES_ON)
    return dataclasses.replace(report, metrics=tuple(found))


# A sentence whose subject is "this" or "it", changed: what it changes is what the sentence
# before named.
_EN_IT_CHANGES = regex(
    r"\b(?:[Tt]his|[Ii]t)\s+(?:(?:will|would|shall|is|was|has)\s+(?:be\s+|been\s+)?"
    r"(?:raised|increased|reduced|lowered|cut|extended|doubled|halved)\b|"
    r"(?:became|will\s+become|rose\s+to|fell\s+to|grew\s+to|reached)\s)"
)
_EN_FOR_WHOM = regex(r"\s*For\s+(?:the\s+)?([^,]{3,60}),")


# A table's rows fall into groups under heads of their own line: "Federal:" then "Current |
# $41,425 | …", "Deferred | …", "Total | …"; "State:" then "Current | …" again. A text version
# of a table does not show where a group ends (its rows were indented), so a row's name is put
# under its group's head only when other rows of its section have its name too (Current,
# Deferred, Basic, Net sales by region), and a group ends at its total.
GROUP_HEAD_CHARS = 60
_GROUP_HEAD = regex(rf"[^|:：]{{1,{GROUP_HEAD_CHARS}}}[:：]")
_FOOTNOTE_MARK = regex(r"\s*\(\d\)")
_YEAR_IN_HEAD = regex(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_TOTALS = ("Total", "Subtotal")
_NO_GROUP = {"其中", "包括", "of which", "including"}


def _group_head(sentence: str) -> str:
    """Return the head a sentence makes for the table rows after it ("Federal:" -> "Federal"),
    or "" when it is no such head."""
    if len(sentence) > GROUP_HEAD_CHARS + 2 or not sentence.rstrip().endswith((":", "：")):
        return ""  # most sentences, told at a glance
    head = sentence.strip()
    if _GROUP_HEAD.fullmatch(head) is None or not any(c.isalpha() for c in head):
        return ""
    if head[:-1].strip().lower() in _NO_GROUP:
        return ""  # "其中：", "Of which:": a part of what was just stated, not a group's name
    if _YEAR_IN_HEAD.search(head):
        # "September 3, 2017 to September 30, 2017:", "Second quarter 2017 debt issuance of
        # $10.0 billion:": heads of a year are named otherwise the next (2017 debt issuances).
        return ""
    return _FOOTNOTE_MARK.sub("", head[:-1]).strip()  # "Level 2 (2):" -> "Level 2"


# A line that names the table after it, its rows' group ("iPad", then "The following table
# presents iPad net sales …", then the table): a few words, no sentence.
_TABLE_TITLE = regex(r"\s*[A-Za-z][A-Za-z&’' -]{0,38}[A-Za-z]\s*")
_INTRODUCES_TABLE = regex(r"\s*The following table")


# A table's footnote: its mark, then its prose in the next cell ("(2) | In May 2017, the
# Company entered into …"). A mark in a cell of its own stands where the row has no figure:
# "May 2017 ASR | 4,510 | (2) | 4,510" (its price is told in the footnote), not a loss of 2.
_FOOTNOTE_DEFINED = regex(r"\((\d{1,2})\) \| .*[a-z]{3}")
# A mark put after a name ("Level 1 (1):", "Total (3)", "… Programs (1)"): its footnote is
# told of that name, and a cell "(1)" in the same section is then a sum in brackets.
_MARK_AFTER_WORD = regex(r"(?<=[^\s|(])\s*\((\d{1,2})\)")


def _footnote_marks(sentences: Sequence[str]) -> frozenset[str]:
    """Return the marks ("(2)") a section's table footnotes define and no name refers to: a
    cell holding only such a mark is the footnote's place in the row, not a figure."""
    defined = {
        m.group(1)
        for sentence in sentences
        if sentence.startswith("(") and (m := _FOOTNOTE_DEFINED.match(sentence))
    }
    if not defined:
        return frozenset()
    for sentence in sentences:
        if "(" in sentence and not sentence.startswith("("):
            defined.difference_update(_MARK_AFTER_WORD.findall(sentence))
    return frozenset(f"({n})" for n in defined)


def _without_marks(
    metrics: tuple[Metric, ...], sentence: str, marks: frozenset[str]
) -> tuple[Metric, ...]:
    """Return a table row's figures without the cells that hold only a footnote's mark."""
    cells = sentence.split("|")
    return tuple(
        m
        for m in metrics
        if m.text not in marks or cells[sentence.count("|", 0, m.start)].strip() != m.text
    )


def _row_name(row: str) -> str:
    return _FOOTNOTE_MARK.sub("", row.split("|", 1)[0]).strip()  # "Total (1)" -> "Total"


def _repeated_row_names(section: Section) -> set[str]:
    """Return the names that more than one table row of the section has."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for sentence in section.sentences:
        if " | " in sentence:
            name = _row_name(sentence)
            (repeated if name in seen else seen).add(name)
    return repeated


@dataclasses.dataclass(slots=True)
class _Group:
    """The group of table rows being read: its head ("" outside one) and its rows so far."""

    head: str = ""
    rows: int = 0

    def name(self, metrics: tuple[Metric, ...], row: str, repeated: set[str]) -> tuple[Metric, ...]:
        """Return a row's figures, their label put under the group's head when the row's name
        is one that other rows have too ("Current" under "Federal:" is "Federal: Current")."""
        name = _row_name(row)
        if name.startswith(_TOTALS):
            # Its own total ends a group ("Total", "Total current assets" under "Current
            # assets:"); a total of one row is the table's ("Total" after one row a month).
            own = (
                name in _TOTALS and self.rows > 1
            ) or name.lower() == f"total {self.head.lower()}"
            head, self.head = self.head, ""
            if not own:
                return metrics
        else:
            head = self.head
            self.rows += 1
        if name not in repeated or (name not in _TOTALS and name.startswith(_TOTALS)):
            return metrics  # one of its kind, or a total that names its group already
        return tuple(
            dataclasses.replace(m, label=f"{head}: {m.label}", group=head)
            if m.label and m.label in name
            else m
            for m in metrics
        )


def _spanning(metric: Metric, sentence: str, year: int | None, reviews: bool) -> Metric:
    """Return the metric marked over_years when its sentence states it for several years; in a
    review of several years, a share, rate or rank is not summed over them."""
    in_review = reviews and metric.kind in SUMMED_KINDS
    if over_years(sentence, metric.start, year=year, in_review=in_review):
        return _over_years(metric, True)
    return metric


def _as_target(metric: Metric) -> Metric:
    """Return the metric as a goal (a rank or a ratio keeps its kind, as in _settle_kind)."""
    if metric.kind in (MetricKind.RANK, MetricKind.RATIO, MetricKind.TARGET):
        return metric
    return dataclasses.replace(metric, kind=MetricKind.TARGET)
