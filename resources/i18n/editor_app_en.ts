<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于编辑审校台</source>
        <translation>About Editorial Review Desk</translation>
    </message>
    <message>
        <source>编辑审校台</source>
        <translation>Editorial Review Desk</translation>
    </message>
    <message>
        <source>期刊编辑部的整期审校工具：导入、校对、修订、导出。</source>
        <translation>Whole-issue review for a magazine newsroom: import, proofread, revise, export.</translation>
    </message>
    <message>
        <source>资料库：{0}</source>
        <translation>Library: {0}</translation>
    </message>
    <message>
        <source>界面基于 Qt / PySide6 {0}（LGPLv3）；备用中文字体 Noto Sans CJK SC（SIL OFL 1.1）。</source>
        <translation>Built with Qt / PySide6 {0} (LGPLv3); fallback Chinese font Noto Sans CJK SC (SIL OFL 1.1).</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>导入期刊或稿件…</source>
        <translation>Import Issue or Manuscript…</translation>
    </message>
    <message>
        <source>导入整期文本（.txt）或 DOCX 稿件</source>
        <translation>Import a whole issue (.txt) or a DOCX manuscript</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>导出整期、单篇或校对报告：干净稿、带批注的审阅稿、修订痕迹、繁体版</source>
        <translation>Export the issue, one article or the findings report: clean copy, review copy with comments, tracked changes, traditional editions</translation>
    </message>
    <message>
        <source>期刊库</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>剪切</source>
        <translation>Cut</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select All</translation>
    </message>
    <message>
        <source>查找和替换…</source>
        <translation>Find and Replace…</translation>
    </message>
    <message>
        <source>在本文或整期中替换，先预览每一处再写入</source>
        <translation>Replace in this article or the whole issue, previewing every change before anything is written</translation>
    </message>
    <message>
        <source>立即保存</source>
        <translation>Save Now</translation>
    </message>
    <message>
        <source>修改会在停止输入后自动保存；此命令立即保存</source>
        <translation>Edits are saved automatically when you stop typing; this saves right away</translation>
    </message>
    <message>
        <source>在本文中查找…</source>
        <translation>Find in Article…</translation>
    </message>
    <message>
        <source>全库检索…</source>
        <translation>Search Library…</translation>
    </message>
    <message>
        <source>首选项…</source>
        <translation>Preferences…</translation>
    </message>
    <message>
        <source>校对全期</source>
        <translation>Check Issue</translation>
    </message>
    <message>
        <source>对整期重新运行全部检查</source>
        <translation>Run every check on the whole issue again</translation>
    </message>
    <message>
        <source>下一处问题</source>
        <translation>Next Finding</translation>
    </message>
    <message>
        <source>上一处问题</source>
        <translation>Previous Finding</translation>
    </message>
    <message>
        <source>采纳建议</source>
        <translation>Apply Suggestion</translation>
    </message>
    <message>
        <source>按建议修改所选问题（保存为新修订）</source>
        <translation>Apply the selected finding&apos;s suggestion (saved as a new revision)</translation>
    </message>
    <message>
        <source>忽略…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <source>忽略所选问题，可填写理由</source>
        <translation>Dismiss the selected finding, optionally with a reason</translation>
    </message>
    <message>
        <source>恢复为待处理</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>批量修改…</source>
        <translation>Bulk Fix…</translation>
    </message>
    <message>
        <source>按同一规则批量采纳建议，先预览再写入</source>
        <translation>Apply one rule&apos;s suggestions in bulk, previewed before anything is written</translation>
    </message>
    <message>
        <source>加入白名单</source>
        <translation>Add to Allowlist</translation>
    </message>
    <message>
        <source>待审</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>审校中</source>
        <translation>In Review</translation>
    </message>
    <message>
        <source>已校</source>
        <translation>Proofread</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Signed Off</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>撤回签发，文章回到审校中（主编）</source>
        <translation>Withdraw the sign-off: the article goes back to In Review (chief editor)</translation>
    </message>
    <message>
        <source>修订历史…</source>
        <translation>Revision History…</translation>
    </message>
    <message>
        <source>结构…</source>
        <translation>Structure…</translation>
    </message>
    <message>
        <source>分段、类型与目录关联：合并、移动边界、设定类型、关联目录条目</source>
        <translation>Segments, kinds and contents bindings: join, move a boundary, set the kind, bind a contents entry</translation>
    </message>
    <message>
        <source>从光标所在段拆分文章</source>
        <translation>Split the article at the cursor&apos;s paragraph</translation>
    </message>
    <message>
        <source>光标所在段落及其后的文字成为一个新分段</source>
        <translation>The paragraph with the cursor and the text after it become a new segment</translation>
    </message>
    <message>
        <source>撤销结构修改</source>
        <translation>Undo structure change</translation>
    </message>
    <message>
        <source>期刊概览</source>
        <translation>Issue Overview</translation>
    </message>
    <message>
        <source>文章</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>对照原文 / 修订</source>
        <translation>Compare with Source / Revision</translation>
    </message>
    <message>
        <source>显示版面</source>
        <translation>Show Page</translation>
    </message>
    <message>
        <source>在文章旁显示 PDF 校样的版面：所选文字在版面上标出，点击版面选中正文</source>
        <translation>Show the PDF proof&apos;s page beside the article: the selected text is marked on the page; a click on the page selects the text</translation>
    </message>
    <message>
        <source>放大字号</source>
        <translation>Larger Text</translation>
    </message>
    <message>
        <source>缩小字号</source>
        <translation>Smaller Text</translation>
    </message>
    <message>
        <source>重置布局</source>
        <translation>Reset Layout</translation>
    </message>
    <message>
        <source>面板恢复到默认的位置和大小</source>
        <translation>Put the panels back where and how large they were at first</translation>
    </message>
    <message>
        <source>关于编辑审校台</source>
        <translation>About Editorial Review Desk</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>校对(&amp;C)</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>审校(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>ArticleHeader</name>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>（无副标题）</source>
        <translation>(no subtitle)</translation>
    </message>
    <message>
        <source>作者，以空格或顿号分隔</source>
        <translation>Authors, separated by spaces or 、</translation>
    </message>
    <message>
        <source>副标题</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <source>作者</source>
        <translation>Authors</translation>
    </message>
    <message>
        <source>页码</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>第 {0} 版</source>
        <translation>Revision {0}</translation>
    </message>
    <message>
        <source> · 未保存</source>
        <translation> · unsaved</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <source>{0} 正在编辑此文</source>
        <translation>{0} is editing this article</translation>
    </message>
    <message>
        <source>有人修改了此文：保存时两份文本都会保留，可比较后选择</source>
        <translation>Someone changed this article: on saving both texts are kept, to compare and choose</translation>
    </message>
</context>
<context>
    <name>BodyEditor</name>
    <message>
        <source>建议：「{0}」→「{1}」</source>
        <translation>Suggestion: 「{0}」→「{1}」</translation>
    </message>
    <message>
        <source>（删除）</source>
        <translation>(delete)</translation>
    </message>
</context>
<context>
    <name>BulkFixDialog</name>
    <message>
        <source>批量修改 — 预览</source>
        <translation>Bulk Fix — Preview</translation>
    </message>
    <message>
        <source>仅本文</source>
        <translation>This article only</translation>
    </message>
    <message>
        <source>全期所有文章</source>
        <translation>Every article of the issue</translation>
    </message>
    <message>
        <source>篇目</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>修改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>写入修改</source>
        <translation>Write Changes</translation>
    </message>
    <message>
        <source>将在 {0} 篇中修改 {1} 处，每篇保存为一个新修订，可在修订历史中恢复。</source>
        <translation>{1} changes in {0} article(s); each article is saved as a new revision, restorable from its history.</translation>
    </message>
    <message>
        <source>另有 {0} 处因重叠或文字已变动而跳过。</source>
        <translation> {0} more skipped (overlapping, or the text has changed).</translation>
    </message>
    <message>
        <source>没有可批量修改的问题。</source>
        <translation>Nothing to fix in bulk.</translation>
    </message>
</context>
<context>
    <name>CommandsMixin</name>
    <message>
        <source>导入期刊或稿件</source>
        <translation>Import Issue or Manuscript</translation>
    </message>
    <message>
        <source>期刊文本、PDF 校样或稿件 (*.txt *.text *.pdf *.docx);;所有文件 (*)</source>
        <translation>Issue texts, PDF proofs or manuscripts (*.txt *.text *.pdf *.docx);;All files (*)</translation>
    </message>
    <message>
        <source>期刊已存在</source>
        <translation>Issue Already in the Library</translation>
    </message>
    <message>
        <source>替换（旧文本保留为修订）</source>
        <translation>Replace (old texts kept as revisions)</translation>
    </message>
    <message>
        <source>请先在“校对”面板或正文中选中一处问题</source>
        <translation>Select a finding first, in the Findings panel or in the text</translation>
    </message>
    <message>
        <source>这处问题没有修改建议，请直接在正文中修改</source>
        <translation>This finding has no suggestion; edit the text directly</translation>
    </message>
    <message>
        <source>已采纳建议，保存为第 {0} 版</source>
        <translation>Suggestion applied, saved as revision {0}</translation>
    </message>
    <message>
        <source>已忽略</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>“{0}”已加入白名单（仅对规则“{1}”）</source>
        <translation>“{0}” added to the allowlist (for “{1}” only)</translation>
    </message>
    <message>
        <source>请先选中一条可批量修改的规则（如“中文里的半角标点”）</source>
        <translation>Select a rule that can be fixed in bulk first (e.g. half-width punctuation)</translation>
    </message>
    <message>
        <source>批量修改完成：{0} 处</source>
        <translation>Bulk fix done: {0} changes</translation>
    </message>
    <message>
        <source>正在批量修改…</source>
        <translation>Applying bulk fix…</translation>
    </message>
    <message>
        <source>校对完成：待处理 {0} 处</source>
        <translation>Check finished: {0} open findings</translation>
    </message>
    <message>
        <source>正在校对全期…</source>
        <translation>Checking the issue…</translation>
    </message>
    <message>
        <source>已恢复，保存为第 {0} 版</source>
        <translation>Restored, saved as revision {0}</translation>
    </message>
    <message>
        <source>请把光标放在要成为新分段第一段的段落中（不能是第一段）</source>
        <translation>Put the cursor in the paragraph that is to start the new segment (not the first one)</translation>
    </message>
    <message>
        <source>找到 {0} 篇文章；未关联文章的目录条目 {1} 条；未识别类型的分段 {2} 个。</source>
        <translation>{0} articles found; {1} contents entries without an article; {2} segments of unknown kind.</translation>
    </message>
    <message>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <source>打开结构视图</source>
        <translation>Open the structure view</translation>
    </message>
    <message>
        <source>正在导入 {0}…</source>
        <translation>Importing {0}…</translation>
    </message>
    <message>
        <source>已导入《{0}》：{1} 篇文章</source>
        <translation>Imported {0}: {1} articles</translation>
    </message>
    <message>
        <source>《{0}》此前已导入（{1} 篇文章），已打开</source>
        <translation>{0} was imported before ({1} articles); opened it</translation>
    </message>
    <message>
        <source>已替换《{0}》（{1} 篇文章），旧文本保留为修订</source>
        <translation>Replaced {0} ({1} articles); old texts kept as revisions</translation>
    </message>
    <message>
        <source>稿件已作为新文章加入《{0}》（现有 {1} 篇文章）</source>
        <translation>Manuscript added to {0} as a new article ({1} articles now)</translation>
    </message>
    <message>
        <source>正在按新规则重新校对…</source>
        <translation>Re-checking with the new rules…</translation>
    </message>
</context>
<context>
    <name>ConflictBar</name>
    <message>
        <source>比较两个版本</source>
        <translation>Compare Both</translation>
    </message>
    <message>
        <source>保留我的修改</source>
        <translation>Keep My Edits</translation>
    </message>
    <message>
        <source>采用当前版本</source>
        <translation>Take Current Version</translation>
    </message>
    <message>
        <source>此文已在别处被修改，两份文本都已保存为修订，未覆盖任何内容。</source>
        <translation>This article was changed elsewhere. Both texts are saved as revisions; nothing was overwritten.</translation>
    </message>
</context>
<context>
    <name>ContentsView</name>
    <message>
        <source>篇目</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>待处理的问题数</source>
        <translation>Open findings</translation>
    </message>
    <message>
        <source>未打开期刊</source>
        <translation>No issue open</translation>
    </message>
    <message>
        <source>目录外版面</source>
        <translation>Not in the contents</translation>
    </message>
    <message>
        <source>（未分栏）</source>
        <translation>(no column)</translation>
    </message>
</context>
<context>
    <name>DismissDialog</name>
    <message>
        <source>忽略问题</source>
        <translation>Dismiss Finding</translation>
    </message>
    <message>
        <source>理由（可不填）：</source>
        <translation>Reason (optional):</translation>
    </message>
    <message>
        <source>人名、地名或专有名词</source>
        <translation>Name of a person, place or proper noun</translation>
    </message>
    <message>
        <source>引文，保持原文</source>
        <translation>Quotation, kept as in the original</translation>
    </message>
    <message>
        <source>作者用法，予以保留</source>
        <translation>Author&apos;s usage, kept</translation>
    </message>
    <message>
        <source>误报</source>
        <translation>False alarm</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导出内容</source>
        <translation>What to export</translation>
    </message>
    <message>
        <source>整期</source>
        <translation>The whole issue</translation>
    </message>
    <message>
        <source>单篇文章</source>
        <translation>One article</translation>
    </message>
    <message>
        <source>校对报告</source>
        <translation>Findings report</translation>
    </message>
    <message>
        <source>带批注的 PDF 校样（问题和修改标在版面上）</source>
        <translation>The PDF proof with notes (findings and edits marked on the pages)</translation>
    </message>
    <message>
        <source>本期不是从 PDF 校样导入的。</source>
        <translation>This issue was not imported from a PDF proof.</translation>
    </message>
    <message>
        <source>稿件版本</source>
        <translation>Which copy</translation>
    </message>
    <message>
        <source>文字</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>简体（编辑后的文本）</source>
        <translation>Simplified (the edited text)</translation>
    </message>
    <message>
        <source>繁体 · 台湾版</source>
        <translation>Traditional · Taiwan edition</translation>
    </message>
    <message>
        <source>繁体 · 香港版</source>
        <translation>Traditional · Hong Kong edition</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <source>批注和报告的语言</source>
        <translation>Language of comments and report</translation>
    </message>
    <message>
        <source>审阅稿：待处理的问题作为 Word 批注</source>
        <translation>Review copy: open findings as Word comments</translation>
    </message>
    <message>
        <source>修订痕迹：修改显示为 Word 修订</source>
        <translation>Tracked changes: edits shown as Word revisions</translation>
    </message>
    <message>
        <source>自导入以来</source>
        <translation>Since import</translation>
    </message>
    <message>
        <source>自所选版本以来</source>
        <translation>Since the chosen revision</translation>
    </message>
    <message>
        <source>自所选时间以来</source>
        <translation>Since the chosen time</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>第 {0} 版 · {1} · {2}</source>
        <translation>Revision {0} · {1} · {2}</translation>
    </message>
    <message>
        <source>在导入的 PDF 校样副本上，待处理的问题高亮在原字上并附批注，导入后的修改标为删除线和插入符；原文件不变。</source>
        <translation>A copy of the imported PDF proof: open findings are highlighted on their printed characters with a note, edits since import are struck out or marked with a caret; the original file is not changed.</translation>
    </message>
    <message>
        <source>校对报告列出全期所有问题（含已修改、已忽略）及各篇差错率。</source>
        <translation>The findings report lists every finding of the issue (fixed and dismissed ones too) and each article&apos;s error rate.</translation>
    </message>
    <message>
        <source>繁体版由 OpenCC 转换，不带批注和修订痕迹；请人工复核用词。</source>
        <translation>Traditional editions are converted with OpenCC, without comments or tracked changes; have the wording checked by a person.</translation>
    </message>
    <message>
        <source>干净稿：只有编辑后的文本。</source>
        <translation>Clean copy: the edited text only.</translation>
    </message>
    <message>
        <source>导出前会重新校对全期，批注与当前文本一致。</source>
        <translation>The issue is checked again before the export, so comments match the current text.</translation>
    </message>
    <message>
        <source>批注校样</source>
        <translation>annotated proof</translation>
    </message>
    <message>
        <source>台湾版</source>
        <translation>Taiwan edition</translation>
    </message>
    <message>
        <source>香港版</source>
        <translation>Hong Kong edition</translation>
    </message>
    <message>
        <source>审阅稿</source>
        <translation>review copy</translation>
    </message>
    <message>
        <source>干净稿</source>
        <translation>clean copy</translation>
    </message>
    <message>
        <source>CSV 表格 (*.csv)</source>
        <translation>CSV table (*.csv)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>导出到</source>
        <translation>Export To</translation>
    </message>
    <message>
        <source>请填写保存位置。</source>
        <translation>Enter where to save the file.</translation>
    </message>
    <message>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>正在生成文档…</source>
        <translation>Building the document…</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>在本文中查找（回车：下一个）</source>
        <translation>Find in this article (Enter: next)</translation>
    </message>
    <message>
        <source>上一个 (Shift+Enter)</source>
        <translation>Previous (Shift+Enter)</translation>
    </message>
    <message>
        <source>下一个 (Enter)</source>
        <translation>Next (Enter)</translation>
    </message>
    <message>
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>无结果</source>
        <translation>No matches</translation>
    </message>
    <message>
        <source>{0} / {1}</source>
        <translation>{0} of {1}</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>本文</source>
        <translation>This article</translation>
    </message>
    <message>
        <source>全期</source>
        <translation>Whole issue</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已忽略</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>全部级别</source>
        <translation>Any severity</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>Any category</translation>
    </message>
    <message>
        <source>显示本文或全期的问题</source>
        <translation>Show the findings of this article or of the whole issue</translation>
    </message>
    <message>
        <source>… 另有 {0} 处（展开全部）</source>
        <translation>… {0} more (activate to list all)</translation>
    </message>
    <message>
        <source>忽略理由：{0}</source>
        <translation>Dismissed because: {0}</translation>
    </message>
    <message>
        <source>未打开期刊</source>
        <translation>No issue open</translation>
    </message>
    <message>
        <source>显示 {0} 处 · 待处理 {1} 处，其中错误 {2} 处</source>
        <translation>Showing {0} · {1} open, {2} of them errors</translation>
    </message>
    <message>
        <source>未打开文章，显示全期的问题</source>
        <translation>No article open: showing the whole issue</translation>
    </message>
    <message>
        <source>建议：「{0}」→「{1}」</source>
        <translation>Suggestion: 「{0}」→「{1}」</translation>
    </message>
    <message>
        <source>（删除）</source>
        <translation>(delete)</translation>
    </message>
    <message>
        <source>批量修改“{0}”…</source>
        <translation>Bulk Fix “{0}”…</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>修订历史 — {0}</source>
        <translation>Revision History — {0}</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>与</source>
        <translation>Compare with</translation>
    </message>
    <message>
        <source>仅显示改动处</source>
        <translation>Changes only</translation>
    </message>
    <message>
        <source>恢复所选版本</source>
        <translation>Restore Selected Revision</translation>
    </message>
    <message>
        <source>把所选版本的文本作为新版本保存；当前文本仍保留在历史中</source>
        <translation>Save the selected revision&apos;s text as a new revision; the current text stays in the history</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>冲突时保存的文本</source>
        <translation>Text saved in a conflict</translation>
    </message>
    <message>
        <source>解决冲突</source>
        <translation>Conflict resolved</translation>
    </message>
    <message>
        <source>重新导入</source>
        <translation>Re-import</translation>
    </message>
    <message>
        <source>替换：{0}</source>
        <translation>Replace: {0}</translation>
    </message>
    <message>
        <source>恢复第 {0} 版</source>
        <translation>Restore of revision {0}</translation>
    </message>
    <message>
        <source>批量修改：{0}</source>
        <translation>Bulk fix: {0}</translation>
    </message>
    <message>
        <source>采纳建议：{0}</source>
        <translation>Suggestion applied: {0}</translation>
    </message>
    <message>
        <source>结构修改：{0}</source>
        <translation>Structure change: {0}</translation>
    </message>
    <message>
        <source>（当前）</source>
        <translation> (current)</translation>
    </message>
    <message>
        <source>第 {0} 版 · {1} · {2}</source>
        <translation>Revision {0} · {1} · {2}</translation>
    </message>
    <message>
        <source>两个版本文字相同</source>
        <translation>The two revisions have the same text</translation>
    </message>
    <message>
        <source>从第 {0} 版到第 {1} 版：删去 {2} 字，增加 {3} 字</source>
        <translation>From revision {0} to {1}: {2} characters deleted, {3} inserted</translation>
    </message>
    <message>
        <source>恢复旧版本</source>
        <translation>Restore an Earlier Revision</translation>
    </message>
    <message>
        <source>把第 {0} 版（{1}，{2}）恢复为当前文本？</source>
        <translation>Restore revision {0} ({1}, {2}) as the current text?</translation>
    </message>
    <message>
        <source>恢复会保存为一个新版本；现在的文本仍保留在历史中。</source>
        <translation>The restore is saved as a new revision; the present text stays in the history.</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>欢迎使用编辑审校台</source>
        <translation>Welcome to the Editorial Review Desk</translation>
    </message>
    <message>
        <source>请填写您的姓名和岗位。它们会记录在您保存的每个修订、导出的批注和修订痕迹中，可随时在“首选项”中修改。</source>
        <translation>Please enter your name and role. They are recorded on every revision you save and on exported comments and tracked changes; you can change them in Preferences at any time.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>例如：王芳</source>
        <translation>e.g. Wang Fang</translation>
    </message>
</context>
<context>
    <name>IssueOverviewView</name>
    <message>
        <source>页码</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>篇目</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>差错率‱</source>
        <translation>Rate ‱</translation>
    </message>
    <message>
        <source>审校</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>每万字待处理的错误数（不含“疑似”和“提示”），上限为万分之二</source>
        <translation>Open errors per 10,000 characters (warnings and notes not counted); the limit is 2 ‱</translation>
    </message>
    <message>
        <source>未打开期刊</source>
        <translation>No issue open</translation>
    </message>
    <message>
        <source>从“期刊库”打开一期，或用“文件 → 导入”导入整期文本。</source>
        <translation>Open an issue from the Library, or import a whole issue with File → Import.</translation>
    </message>
    <message>
        <source>超出万分之二</source>
        <translation>over the 2 ‱ limit</translation>
    </message>
    <message>
        <source>未超过万分之二</source>
        <translation>within the 2 ‱ limit</translation>
    </message>
    <message>
        <source>全期差错率 &lt;b style=&apos;color:{0}&apos;&gt;{1:.2f}&lt;/b&gt; ‱ · {2}</source>
        <translation>Issue error rate &lt;b style=&apos;color:{0}&apos;&gt;{1:.2f}&lt;/b&gt; ‱ · {2}</translation>
    </message>
    <message>
        <source>尚未校对</source>
        <translation>never</translation>
    </message>
    <message>
        <source>待处理问题：{0}&lt;br&gt;其中错误 {1} 处 · 正文 {2} 字 · 文章审校：{3} · 上次校对：{4}</source>
        <translation>Open findings: {0}&lt;br&gt;{1} errors · {2} characters of text · review: {3} · last checked: {4}</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>审校状态</source>
        <translation>Review Status</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>数字</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <source>字形</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>标点</source>
        <translation>Punctuation</translation>
    </message>
    <message>
        <source>用词</source>
        <translation>Wording</translation>
    </message>
    <message>
        <source>一致性</source>
        <translation>Consistency</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>疑似</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>已忽略</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>待审</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>审校中</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>已校</source>
        <translation>Proofread</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>校对</source>
        <translation>Proofreader</translation>
    </message>
    <message>
        <source>主编</source>
        <translation>Editor-in-chief</translation>
    </message>
    <message>
        <source>刊头</source>
        <translation>Masthead</translation>
    </message>
    <message>
        <source>封面</source>
        <translation>Cover</translation>
    </message>
    <message>
        <source>编委会</source>
        <translation>Editorial board</translation>
    </message>
    <message>
        <source>目录页</source>
        <translation>Contents page</translation>
    </message>
    <message>
        <source>文章</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>资讯版</source>
        <translation>News page</translation>
    </message>
    <message>
        <source>协办版面</source>
        <translation>Sponsored page</translation>
    </message>
    <message>
        <source>漫画</source>
        <translation>Comic</translation>
    </message>
    <message>
        <source>图片说明</source>
        <translation>Photo caption</translation>
    </message>
    <message>
        <source>空白</source>
        <translation>Blank</translation>
    </message>
    <message>
        <source>未识别</source>
        <translation>Unrecognised</translation>
    </message>
    <message>
        <source>详细信息：{0}</source>
        <translation>Details: {0}</translation>
    </message>
</context>
<context>
    <name>LabelsShort</name>
    <message>
        <source>数字</source>
        <translation>Num.</translation>
    </message>
    <message>
        <source>字形</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>标点</source>
        <translation>Punct.</translation>
    </message>
    <message>
        <source>用词</source>
        <translation>Word.</translation>
    </message>
    <message>
        <source>一致性</source>
        <translation>Cons.</translation>
    </message>
</context>
<context>
    <name>LexiconPage</name>
    <message>
        <source>人名</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>机构</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>提法</source>
        <translation>Formulation</translation>
    </message>
    <message>
        <source>本社词库：人名及其职务、机构规范名称、规范提法及其错误写法。文中出现错误写法时提示；词库中的人名、机构名不会被繁简、错别字规则改动。修改后重新校对本期。</source>
        <translation>The house lexicon: people and their posts, standard names of organisations, standard formulations and their wrong variants. A wrong variant in the text is reported; names of people and organisations in the lexicon are never changed by the script or typo rules. The issue is re-checked after a change.</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>词条</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>错误写法</source>
        <translation>Wrong variants</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>词条（规范写法或人名）</source>
        <translation>Term (standard form or name)</translation>
    </message>
    <message>
        <source>职务（仅人名）</source>
        <translation>Post (people only)</translation>
    </message>
    <message>
        <source>错误写法，用 | 分隔</source>
        <translation>Wrong variants, separated by |</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>导入 CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>正在按词库重新校对…</source>
        <translation>Re-checking with the lexicon…</translation>
    </message>
    <message>
        <source>导入词库</source>
        <translation>Import lexicon</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>导出词库</source>
        <translation>Export lexicon</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>连接编辑部服务器</source>
        <translation>Connect to the Newsroom Server</translation>
    </message>
    <message>
        <source>{0}@{1}/{2} 的密码：</source>
        <translation>Password of {0}@{1}/{2}:</translation>
    </message>
    <message>
        <source>本机资料库（默认）</source>
        <translation>Local library (default)</translation>
    </message>
    <message>
        <source>编辑部服务器（PostgreSQL）</source>
        <translation>Newsroom server (PostgreSQL)</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>仅用于测试；不会保存，连接时再询问</source>
        <translation>Only for the test; never saved, asked for when connecting</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test Connection</translation>
    </message>
    <message>
        <source>更改在下次启动时生效；密码不会写入设置文件。</source>
        <translation>Changes take effect at the next start; the password is never written to the settings file.</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
</context>
<context>
    <name>LibrarySearch</name>
    <message>
        <source>检索全库标题与正文（两个字即可）</source>
        <translation>Search titles and texts of the whole library (two characters are enough)</translation>
    </message>
    <message>
        <source>全库</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This issue</translation>
    </message>
    <message>
        <source>期刊</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>篇目</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>上下文</source>
        <translation>Context</translation>
    </message>
    <message>
        <source>输入词语后回车；结果中双击打开文章并定位</source>
        <translation>Type a word and press Enter; double-click a result to open the article at the hit</translation>
    </message>
    <message>
        <source>没有找到“{0}”</source>
        <translation>No match for “{0}”</translation>
    </message>
    <message>
        <source>“{0}”：{1} 篇，共 {2} 处</source>
        <translation>“{0}”: {1} articles, {2} occurrences</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>期刊</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>文章</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>双击或回车打开期刊</source>
        <translation>Double-click or press Enter to open an issue</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>期刊库</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>校对</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>检索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>版面</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>期刊概览</source>
        <translation>Issue Overview</translation>
    </message>
    <message>
        <source>DOCX 导出模块尚未安装</source>
        <translation>The DOCX export module is not installed</translation>
    </message>
    <message>
        <source>编辑审校台</source>
        <translation>Editorial Review Desk</translation>
    </message>
    <message>
        <source>文章</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>正在打开期刊…</source>
        <translation>Opening the issue…</translation>
    </message>
    <message>
        <source>{0} 刚刚修改了本期</source>
        <translation>{0} just changed this issue</translation>
    </message>
    <message>
        <source>⚠ 有冲突，两份文本均已保存</source>
        <translation>⚠ Conflict: both texts are saved</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>已存于本机，待发送到服务器</source>
        <translation>Saved on this computer, waiting for the server</translation>
    </message>
    <message>
        <source>已保存 · 第 {0} 版</source>
        <translation>Saved · revision {0}</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>用户：{0}</source>
        <translation>User: {0}</translation>
    </message>
</context>
<context>
    <name>OfflineStatus</name>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>{0} 次保存待发送</source>
        <translation>{0} saves waiting</translation>
    </message>
    <message>
        <source>{0} 次保存被服务器拒绝（存于本机）</source>
        <translation>{0} saves refused by the server (kept on this computer)</translation>
    </message>
    <message>
        <source>无法连接编辑部服务器：保存的文字存在本机，连接恢复后按顺序发送</source>
        <translation>The library server cannot be reached: saved text is kept on this computer and sent in order when the connection is back</translation>
    </message>
    <message>
        <source>离线保存的修改</source>
        <translation>Changes saved offline</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>解析</source>
        <translation>Parsing</translation>
    </message>
    <message>
        <source>写入资料库</source>
        <translation>Writing to the library</translation>
    </message>
    <message>
        <source>校对</source>
        <translation>Checking</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Operation Not Completed</translation>
    </message>
    <message>
        <source>文件错误</source>
        <translation>File Error</translation>
    </message>
    <message>
        <source>程序错误</source>
        <translation>Program Error</translation>
    </message>
    <message>
        <source>操作因程序错误而中止，资料库未受影响。

{0}: {1}</source>
        <translation>The operation stopped because of a program error; the library is unharmed.

{0}: {1}</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please Wait</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>上一页（PageUp）</source>
        <translation>Previous page (Page Up)</translation>
    </message>
    <message>
        <source>下一页（PageDown）</source>
        <translation>Next page (Page Down)</translation>
    </message>
    <message>
        <source>缩小（Ctrl+-）</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>放大（Ctrl+=，或按住 Ctrl 滚动滚轮）</source>
        <translation>Zoom in (Ctrl+=, or Ctrl and the mouse wheel)</translation>
    </message>
    <message>
        <source>适合宽度（Ctrl+0）</source>
        <translation>Fit width (Ctrl+0)</translation>
    </message>
    <message>
        <source>没有打开的期刊。</source>
        <translation>No issue is open.</translation>
    </message>
    <message>
        <source>正在载入校样…</source>
        <translation>Loading the proof…</translation>
    </message>
    <message>
        <source>本期不是从 PDF 校样导入的，没有版面可显示。</source>
        <translation>This issue was not imported from a PDF proof: there is no page to show.</translation>
    </message>
    <message>
        <source>本期导入校样后已被其他文件替换，版面与文字不再对应。</source>
        <translation>This issue was replaced from another file after the PDF import: the pages no longer match the text.</translation>
    </message>
    <message>
        <source>第 {0} / {1} 页</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <source>（页码 {0}）</source>
        <translation> (folio {0})</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>所选文字为导入校样后所写，校样上没有。</source>
        <translation>The selected text was written after the import: it is not in the proof.</translation>
    </message>
    <message>
        <source>本篇不在校样中。</source>
        <translation>This article is not in the proof.</translation>
    </message>
    <message>
        <source>该处是标题或署名等，不在正文中。</source>
        <translation>That is a title, byline or the like, not part of the article&apos;s text.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>首选项</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <source>校对规则</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>白名单</source>
        <translation>Allowlist</translation>
    </message>
    <message>
        <source>词库</source>
        <translation>Lexicon</translation>
    </message>
    <message>
        <source>资料库</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>记录在修订、批注和修订痕迹中</source>
        <translation>Recorded on revisions, comments and tracked changes</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>正文字号</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source> 磅</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>修改会在停止输入 1.5 秒后自动保存，切换文章或关闭窗口时也会保存。</source>
        <translation>Edits are saved 1.5 seconds after you stop typing, and when you switch articles or close the window.</translation>
    </message>
    <message>
        <source>关闭整类或单条规则。单条规则的设置优先于类别设置。确定后将重新校对本期。</source>
        <translation>Switch off whole categories or single rules. A rule&apos;s own setting wins over its category&apos;s. The issue is checked again when you press OK.</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>词语</source>
        <translation>Word</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>适用规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>接受的词语（人名、术语、引文…）</source>
        <translation>Accepted word (names, terms, quotations…)</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove Selected</translation>
    </message>
    <message>
        <source>全库</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This issue</translation>
    </message>
    <message>
        <source>所有规则</source>
        <translation>Every rule</translation>
    </message>
    <message>
        <source>类别：{0}</source>
        <translation>Category: {0}</translation>
    </message>
</context>
<context>
    <name>RefusedSavesDialog</name>
    <message>
        <source>未能发送的保存</source>
        <translation>Saves the server refused</translation>
    </message>
    <message>
        <source>下列保存在离线时存于本机，发送时被服务器拒绝（例如文章已签发）。文字仍在本机：请复制后放到合适的地方，再舍弃。</source>
        <translation>These saves were kept on this computer while offline and refused by the server when sent (for example, the article had been signed off). The text is still here: copy it to where it belongs, then discard it.</translation>
    </message>
    <message>
        <source>复制文本</source>
        <translation>Copy Text</translation>
    </message>
    <message>
        <source>舍弃…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <source>文章 #{0}</source>
        <translation>Article #{0}</translation>
    </message>
    <message>
        <source>{0} · {1} · {2}</source>
        <translation>{0} · {1} · {2}</translation>
    </message>
    <message>
        <source>服务器的回答：{0}</source>
        <translation>The server said: {0}</translation>
    </message>
    <message>
        <source>舍弃这次保存</source>
        <translation>Discard This Save</translation>
    </message>
    <message>
        <source>舍弃后本机不再保留这段文字。已经复制到别处了吗？</source>
        <translation>Once discarded, this text is no longer kept on this computer. Have you copied it elsewhere?</translation>
    </message>
</context>
<context>
    <name>ReplaceDialog</name>
    <message>
        <source>查找和替换</source>
        <translation>Find and Replace</translation>
    </message>
    <message>
        <source>查找内容</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>替换为</source>
        <translation>Replace with</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>区分大小写</source>
        <translation>Match case</translation>
    </message>
    <message>
        <source>全字匹配</source>
        <translation>Whole words</translation>
    </message>
    <message>
        <source>英文单词和数字不在更长的词中匹配（中文没有词间空格，不受影响）</source>
        <translation>Latin words and numbers do not match inside longer ones (Chinese has no spaces between words and is not affected)</translation>
    </message>
    <message>
        <source>忽略全角/半角</source>
        <translation>Ignore full/half width</translation>
    </message>
    <message>
        <source>Ａ 与 A、１ 与 1、（ 与 ( 视为相同</source>
        <translation>Ａ and A, １ and 1, （ and ( count as the same</translation>
    </message>
    <message>
        <source>正则表达式</source>
        <translation>Regular expression</translation>
    </message>
    <message>
        <source>Python 正则语法；替换内容中可用 \1、\g&lt;name&gt;</source>
        <translation>Python regular expressions; the replacement may use \1 and \g&lt;name&gt;</translation>
    </message>
    <message>
        <source>本文</source>
        <translation>This article</translation>
    </message>
    <message>
        <source>全期所有文章</source>
        <translation>Every article of the issue</translation>
    </message>
    <message>
        <source>篇目</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>替换前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>替换后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>全部替换</source>
        <translation>Replace All</translation>
    </message>
    <message>
        <source>替换勾选的各处；每篇文章保存为一个新修订</source>
        <translation>Replace every checked place; each article is saved as a new revision</translation>
    </message>
    <message>
        <source>撤销替换</source>
        <translation>Undo Replace</translation>
    </message>
    <message>
        <source>逐篇恢复替换之前的版本（之后又改过的文章不动）</source>
        <translation>Restore each article to its revision before the replace (articles edited since are left alone)</translation>
    </message>
    <message>
        <source>输入要查找的内容，按“预览”查看每一处替换；预览之前不会写入任何修改。</source>
        <translation>Enter what to find and press Preview to see every replacement; nothing is written before that.</translation>
    </message>
    <message>
        <source>没有找到“{0}”。</source>
        <translation>No match for “{0}”.</translation>
    </message>
    <message>
        <source>将在 {0} 篇文章中替换 {1} 处（共找到 {2} 处），每篇保存为一个新修订。</source>
        <translation>{1} replacements in {0} article(s) ({2} matches found); each article is saved as a new revision.</translation>
    </message>
    <message>
        <source>上次替换：{0} 篇文章。</source>
        <translation>Last replace: {0} article(s).</translation>
    </message>
    <message>
        <source>{0} 篇在预览后又被修改，未替换。</source>
        <translation>{0} article(s) were edited after the preview and were left alone.</translation>
    </message>
    <message>
        <source>已撤销替换：恢复 {0} 篇文章。</source>
        <translation>Replace undone: {0} article(s) restored.</translation>
    </message>
    <message>
        <source>{0} 篇在替换后又被修改，未恢复。</source>
        <translation>{0} article(s) were edited after the replace and were not restored.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>已签发，只读：须主编重新打开后才能修改</source>
        <translation>Signed off, read-only: the chief editor must reopen it before it can be changed</translation>
    </message>
    <message>
        <source>校对角色只读：可以校对、忽略问题和批注，不能修改正文</source>
        <translation>Read-only for the proofreader role: you can check, dismiss and comment, not change the text</translation>
    </message>
    <message>
        <source>资料库：本机</source>
        <translation>Library: local</translation>
    </message>
    <message>
        <source>服务器 {0}/{1}</source>
        <translation>Server {0}/{1}</translation>
    </message>
    <message>
        <source>连接中断</source>
        <translation>connection lost</translation>
    </message>
</context>
<context>
    <name>SideView</name>
    <message>
        <source>仅显示改动处</source>
        <translation>Changes only</translation>
    </message>
    <message>
        <source>原文（导入时的版面文本）</source>
        <translation>Source (the layout text as imported)</translation>
    </message>
    <message>
        <source>对比修订 #{0}（{1} {2}）与编辑中的文本</source>
        <translation>Revision #{0} ({1} {2}) against the text being edited</translation>
    </message>
</context>
<context>
    <name>StructureDialog</name>
    <message>
        <source>结构</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>目录条目</source>
        <translation>Contents entry</translation>
    </message>
    <message>
        <source>原文位置</source>
        <translation>Source span</translation>
    </message>
    <message>
        <source>页码</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>关联文章</source>
        <translation>Bound article</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>与下一分段合并</source>
        <translation>Join with the next segment</translation>
    </message>
    <message>
        <source>边界后移一段</source>
        <translation>Move boundary down one paragraph</translation>
    </message>
    <message>
        <source>边界前移一段</source>
        <translation>Move boundary up one paragraph</translation>
    </message>
    <message>
        <source>设定类型</source>
        <translation>Set kind</translation>
    </message>
    <message>
        <source>关联所选目录条目</source>
        <translation>Bind the selected entry</translation>
    </message>
    <message>
        <source>取消关联</source>
        <translation>Unbind</translation>
    </message>
    <message>
        <source>撤销结构修改</source>
        <translation>Undo structure change</translation>
    </message>
    <message>
        <source>（未关联）</source>
        <translation>(unbound)</translation>
    </message>
    <message>
        <source>{0}：{1} 个分段，{2} 篇文章；未关联的目录条目 {3} 条，未识别的分段 {4} 个</source>
        <translation>{0}: {1} segments, {2} articles; {3} unbound contents entries, {4} segments of unknown kind</translation>
    </message>
    <message>
        <source>可撤销：{0}</source>
        <translation>Undo would undo: {0}</translation>
    </message>
    <message>
        <source>没有可撤销的结构修改</source>
        <translation>No structure change to undo</translation>
    </message>
    <message>
        <source>请先选中一个分段</source>
        <translation>Select a segment first</translation>
    </message>
    <message>
        <source>请先选中一个目录条目</source>
        <translation>Select a contents entry first</translation>
    </message>
</context>
<context>
    <name>WindowCommandsMixin</name>
    <message>
        <source>已替换：{0} 篇文章，每篇保存为一个新修订</source>
        <translation>Replaced in {0} article(s), each saved as a new revision</translation>
    </message>
    <message>
        <source>正在替换…</source>
        <translation>Replacing…</translation>
    </message>
    <message>
        <source>已撤销替换：恢复 {0} 篇文章</source>
        <translation>Replace undone: {0} article(s) restored</translation>
    </message>
    <message>
        <source>正在撤销替换…</source>
        <translation>Undoing the replace…</translation>
    </message>
    <message>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
</TS>
