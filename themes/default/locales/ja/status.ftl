# 翻訳状況ページ。

translation-status-title = 翻訳状況
translation-status-intro = このサイトには{ $language }のページが{ $count }件あります。各言語の翻訳の進み具合と、手伝いが必要な箇所を示します。
translation-status-summary = すべての言語
translation-status-one-language = このサイトは一つの言語でのみ公開されています。
translation-status-language = 言語
translation-status-done = 翻訳済み
translation-status-current = 最新
translation-status-outdated = 古い
translation-status-unknown = 未確認
translation-status-missing = 未翻訳
translation-status-ui-missing = 未翻訳の UI 文字列
translation-status-outdated-title = 古くなった翻訳
translation-status-missing-title = 翻訳が必要なページ
translation-status-unknown-title = 原文と照合されていない翻訳
translation-status-ui-title = 翻訳が必要な UI 文字列
translation-status-none = 該当なし。
translation-status-original = 原文
translation-status-action-outdated = 翻訳を更新
translation-status-action-missing = 翻訳する
translation-status-action-unknown = 翻訳を確認
