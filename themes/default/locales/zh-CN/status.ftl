# 翻译状态页面。

translation-status-title = 翻译状态
translation-status-intro = 本站共有 { $count } 个{ $language }页面。下面列出各语言翻译的进度，以及需要帮助的地方。
translation-status-summary = 所有语言
translation-status-one-language = 本站仅以一种语言发布。
translation-status-language = 语言
translation-status-done = 已翻译
translation-status-current = 最新
translation-status-outdated = 已过时
translation-status-unknown = 未核对
translation-status-missing = 未翻译
translation-status-ui-missing = 缺少的界面文本
translation-status-outdated-title = 已过时的翻译
translation-status-missing-title = 待翻译的页面
translation-status-unknown-title = 未与原文核对的翻译
translation-status-ui-title = 待翻译的界面文本
translation-status-none = 暂无。
translation-status-original = 原文
translation-status-action-outdated = 更新翻译
translation-status-action-missing = 翻译
translation-status-action-unknown = 核对翻译
