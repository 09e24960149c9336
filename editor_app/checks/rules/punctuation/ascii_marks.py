"""punctuation.halfwidth_period, punctuation.straight_quotes and
punctuation.corner_quotes: marks of other keyboards and layouts in Chinese.

GB/T 15834-2011 writes the Chinese full stop as “。” and the Chinese quotation
marks as “ ” and ‘ ’. Text typed on an English keyboard or converted from
another layout leaves ``.`` and ``"`` behind.

* ``.`` right after a Chinese character, ending the sentence (followed by the
  end of the line, a space, a Chinese character or a Chinese mark), is a
  half-width full stop: 会议结束了. -> 会议结束了。 Decimals (3.5), numbering
  (1.), abbreviations and URLs have no Chinese character right before the
  point; runs of points (...) are the ellipsis rule's.
* ``"`` touching Chinese text on either side is a straight quotation mark.
  In a paragraph with an even number of them, they alternate “ and ”, and
  each finding suggests its curly form; with an odd number a person decides.
  A paragraph without any Chinese character is English and never flagged.
* 「 」 『 』 are the quotation marks of vertical text (GB/T 15834-2011, 4.1.3.2
  and appendix: horizontal text uses “ ” ‘ ’). In horizontal simplified text
  each one suggests its horizontal form (「→“ 」→” 『→‘ 』→’). A paragraph in
  traditional characters (a quotation from Taiwan or Hong Kong, printed as it
  was written) is left alone: its characters differ from their simplified forms;
  so is a heading (a short paragraph without sentence punctuation), where the
  layout uses them as ornament.
  A house that prints 「」 on purpose switches the rule off in Preferences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

from ..script._data import script_data
from ..script._zh import HAN, HAN_RE, ZH_PUNCT

PERIOD_RE = re.compile(f"(?<=[{HAN}])\\.(?!\\.)(?=$|\\s|[{HAN}]|[{re.escape(ZH_PUNCT)}])", re.M)


def find_halfwidth_period(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if "." not in text:
        return
    for m in PERIOD_RE.finditer(text):
        i = m.start()
        yield Hit(i, i + 1, "中文句末用了半角句点“.”，应为句号“。”", suggestion="。")


def _chinese(ch: str) -> bool:
    return bool(ch) and (ch in ZH_PUNCT or HAN_RE.match(ch) is not None)


def find_straight_quotes(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if '"' not in text:
        return
    start = 0
    for para in text.split("\n"):
        base = start
        start += len(para) + 1
        if '"' not in para or not HAN_RE.search(para):
            continue
        marks = [i for i, ch in enumerate(para) if ch == '"']
        balanced = len(marks) % 2 == 0
        for k, i in enumerate(marks):
            left = para[i - 1] if i > 0 else ""
            right = para[i + 1] if i + 1 < len(para) else ""
            if not (_chinese(left) or _chinese(right)):
                continue
            curly = ("“" if k % 2 == 0 else "”") if balanced else None
            yield Hit(
                base + i,
                base + i + 1,
                '中文里用了直引号“"”，应为弯引号“”'
                + (f"（此处为“{curly}”）" if curly else "（请核对前后配对）"),
                suggestion=curly,
            )


HEADING_MAX = 30  # a paragraph this short without a sentence mark is a heading
SENTENCE_END_RE = re.compile("[。！？；，：]")
CORNER = {"「": "“", "」": "”", "『": "‘", "』": "’"}
CORNER_NAME = {"「": "前直角引号", "」": "后直角引号", "『": "前双直角引号", "』": "后双直角引号"}


def find_corner_quotes(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if not any(ch in text for ch in CORNER):
        return
    data = script_data(ctx.resources)
    start = 0
    for para in text.split("\n"):
        base = start
        start += len(para) + 1
        if not any(ch in para for ch in CORNER) or not HAN_RE.search(para):
            continue
        if data.t2s(para) != para:  # traditional text, printed as written
            continue
        if len(para.strip()) <= HEADING_MAX and not SENTENCE_END_RE.search(para):
            continue  # a heading: corner marks there are a typographic choice of the layout
        for i, ch in enumerate(para):
            if ch in CORNER:
                yield Hit(
                    base + i,
                    base + i + 1,
                    f"横排简体文本用了{CORNER_NAME[ch]}“{ch}”，应为“{CORNER[ch]}”",
                    suggestion=CORNER[ch],
                )


RULES = [
    Rule(
        id="punctuation.halfwidth_period",
        category="punctuation",
        severity="warning",
        title="中文句末的半角句点",
        title_en="Half-width full stop after Chinese",
        messages=(
            Msg(
                "中文句末用了半角句点“.”，应为句号“。”",
                "A half-width full stop “.” ends a Chinese sentence; use “。”",
            ),
        ),
        explanation=(
            "中文句子的句号是“。”，不用半角“.”（GB/T 15834-2011，4.1）。"
            "只报紧跟在汉字后、位于句末的“.”；小数、序号、网址和省略号不报。"
        ),
        must_flag=(
            "会议结束了.",
            "项目已经完工.下一步进入验收。",
            "这是今年的第三次调研. 大家都很重视。",
        ),
        must_pass=(
            "会议结束了。",
            "增长3.5个百分点。",
            "详见 www.example.com 上的说明。",
            "1. 坚持稳中求进。",
            "他沉默了……",
            "他沉默了...",
        ),
        func=find_halfwidth_period,
    ),
    Rule(
        id="punctuation.straight_quotes",
        category="punctuation",
        severity="warning",
        title="中文里的直引号",
        title_en="Straight quotation marks in Chinese",
        messages=(
            Msg(
                "中文里用了直引号“\"”，应为弯引号“”（此处为“{curly}”）",
                "A straight quotation mark “\"” in Chinese text; use curly quotes (here “{curly}”)",
            ),
            Msg(
                "中文里用了直引号“\"”，应为弯引号“”（请核对前后配对）",
                "A straight quotation mark “\"” in Chinese text; use curly quotes (check which ones pair up)",
            ),
        ),
        explanation=(
            '中文的引号是弯引号“ ”‘ ’（GB/T 15834-2011，4.9），不用键盘上的直引号"。'
            "段内直引号成对时按先后给出“和”，不成对时只提示。"
        ),
        must_flag=(
            '大家称他为"老黄牛"，他却说自己只是做了分内的事。',
            '他说:"我们一定按期完工。"',
        ),
        must_pass=(
            "大家称他为“老黄牛”，他却说自己只是做了分内的事。",
            'The sign reads "No entry".',
            '文件名是 report "final" v2.docx',
        ),
        func=find_straight_quotes,
    ),
    Rule(
        id="punctuation.corner_quotes",
        category="punctuation",
        severity="warning",
        title="横排简体文本中的直角引号",
        title_en="Corner quotation marks in horizontal simplified text",
        messages=(
            Msg(
                "横排简体文本用了{name}“{mark}”，应为“{right}”",
                "Corner quotation mark “{mark}” ({name}) in horizontal simplified text; use “{right}”",
            ),
        ),
        terms_en={
            "前直角引号": "opening corner bracket",
            "后直角引号": "closing corner bracket",
            "前双直角引号": "opening white corner bracket",
            "后双直角引号": "closing white corner bracket",
        },
        explanation=(
            "横排文本的引号用“ ”‘ ’，直角引号「 」『 』用于竖排文本（GB/T 15834-2011，4.1.3.2）。"
            "繁体文字的段落（照录的港台引文）和小标题（版式装饰）不报。本社若有意使用直角引号，可在首选项中关闭此项。"
        ),
        must_flag=(
            "村民们都叫他「老支书」，他却说自己只是个普通党员。",
            "他说：「这是『头等大事』，一点也马虎不得。」",
        ),
        must_pass=(
            "村民们都叫他“老支书”，他却说自己只是个普通党员。",
            "他说：“这是‘头等大事’，一点也马虎不得。”",
            "台湾作家在书中写道：「這座城市的記憶，藏在巷弄裡。」",
            "「」",
            "『红色根脉』永续传承",
        ),
        func=find_corner_quotes,
    ),
]
