"""wording.jiezhi: 截止 directly followed by a time (截止目前 -> 截至目前).

截止 means "to end" and takes no time object (报名昨日截止, 截止日期);
"up to a time" is 截至 (截至目前, 截至去年底). 截止到 is accepted by
《现代汉语词典》 and is not reported; 截止至 mixes the two and is (as a
warning). The time words are in ``wording_jiezhi_time.txt``; a number right
after 截止 (截止2024年, 截止5月底, 截止二〇二三年) is a time as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

from ..script._zh import cached

NUMBER_TIME = r"[0-9０-９]|[一二三四五六七八九十〇零两]{1,4}[年月日号时点]"


def _pattern(resources: Any) -> re.Pattern[str]:
    words = sorted(set(resources.word_list("wording_jiezhi_time")), key=len, reverse=True)
    times = "|".join(map(re.escape, words))
    return re.compile(f"截止(至)?(?=(?:{times}|{NUMBER_TIME}))|截止至")


def find_jiezhi(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if "截止" not in text:
        return
    for m in cached(ctx.resources, "wording.jiezhi_re", _pattern).finditer(text):
        if m.group().endswith("至"):
            yield Hit(
                m.start(),
                m.end(),
                "“截止至”是“截止”和“截至”的混用，表示“到某时为止”应作“截至”",
                suggestion="截至",
                severity="warning",
            )
            continue
        yield Hit(
            m.start(),
            m.end(),
            "“截止”后面不能直接带时间；表示“到某时为止”应作“截至”",
            suggestion="截至",
        )


RULES = [
    Rule(
        id="wording.jiezhi",
        category="wording",
        severity="error",
        title="截止／截至",
        title_en="“截止” or “截至”",
        messages=(
            Msg(
                "“截止”后面不能直接带时间；表示“到某时为止”应作“截至”",
                "“截止” (to end) does not take a time after it; “up to a time” is “截至”",
            ),
            Msg(
                "“截止至”是“截止”和“截至”的混用，表示“到某时为止”应作“截至”",
                "“截止至” mixes “截止” and “截至”; “up to a time” is “截至”",
            ),
        ),
        explanation=(
            "“截止”意为（到一定期限）停止，后面不带时间宾语，如“报名昨日截止”“截止日期”；"
            "“截至”意为截止到某个时候，后面必须带时间，如“截至目前”“截至去年底”"
            "（《现代汉语词典》第7版）。“截止到”可以说，不报。"
        ),
        must_flag=(
            "截止目前，宁波已累计创建国家级绿色工厂",
            "截止去年底，全省共有企业100家",
            "截止2024年5月，项目已完工",
            "数据截止今年一季度",
            "截止二〇二三年底",
            "截止至发稿时",
        ),
        must_pass=(
            "截至目前，宁波已累计创建国家级绿色工厂",
            "报名截止日期为5月1日",
            "截止时间：下午5点",
            "报名昨日截止",
            "截止到目前，共有10家企业报名",
            "申报工作将于5月底截止",
            "报名截止当日",
            "请在截止日前提交",
        ),
        func=find_jiezhi,
    )
]
