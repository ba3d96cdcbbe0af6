# UI strings of onramp's default theme, in Japanese.
#
# Translated from `locales/en/ui.ftl` (the reference language): same message
# ids, same variables. A site overrides any of them in its own
# `locales/ja/*.ftl`.
#
# Japanese has a single plural form: select expressions only need *[other].

## Page title and head

# The <title> of every page but the home page. $page: page title, $site: site title.
page-title = { $page } · { $site }
# Footer credit. $generator: the generator's name.
built-with = { $generator } で構築

## Header

skip-to-content = 本文へスキップ
# Label of the header's menu of top-level links.
main-menu = メインメニュー
# Label of the sidebar (the tree of sections and pages).
site-navigation = ドキュメント
# Button that opens and closes the sidebar on small screens.
toggle-sidebar = メニュー
# In a long list of the sidebar, the link that stands for the pages it leaves out;
# it leads to the section's page, which lists them all. $count: how many pages.
sidebar-more-pages = ほか { $count } ページ
# Button that switches between the light and dark colour schemes (a toggle: "pressed" means dark).
toggle-theme = ダークモード
# Label of the language switcher.
languages = 言語
# Beside a language in the switcher when the page has no translation in it.
untranslated = 未翻訳

## Search (the search box is filled in by the search script)

search = 検索
search-placeholder = ドキュメントを検索

## Docs pages

breadcrumbs = パンくずリスト
on-this-page = 目次
# $minutes: estimated reading time, in whole minutes (at least 1).
reading-time = { $minutes ->
   *[other] { $minutes }分で読めます
}
# $date: the date of the last change, formatted with date-format.
last-updated = 最終更新日：{ $date }
edit-page = このページを編集
# Label of the links to the previous and next pages.
page-navigation = 前後のページ
previous-page = 前へ
next-page = 次へ
copy-code = コードをコピー
copied = コピーしました！

## Alerts (> [!NOTE] … in markdown): the title of each kind of callout

alert-note = 注記
alert-tip = ヒント
alert-important = 重要
alert-warning = 警告
alert-caution = 注意

## Sections

# Heading above the cards linking to a section's subsections.
section-subsections = セクション
# Heading above the list of a section's pages.
section-pages = ページ

## Translations

# Shown on a page that exists only in the default language. $language: the name of the reader's language, in itself ("日本語").
not-translated = このページはまだ{ $language }に翻訳されていません。
help-translate = 翻訳に協力する
outdated-translation = この翻訳の作成後に、原文のページが更新されています。
read-original = 原文を読む

## Page not found

page-not-found-title = ページが見つかりません
page-not-found-text = お探しのページは存在しません。移動したか、アドレスが間違っている可能性があります。
back-home = トップページに戻る

## Dates

# $day: day of the month (number), $month: the month's name (month-1 … month-12), $year: year.
# Example: "2024年11月5日" (month-11 is "11月").
date-format = { $year }年{ $month }{ $day }日
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

# The visible word on the search dialog's close button (its accessible
# name is search-close).
search-close-button = 閉じる
# Above the previous and next steps of a getting-started path, telling
# them apart from the section's previous and next pages.
# $path: the path's title; $current, $total: step numbers.
path-nav-heading = パス：{ $path } — ステップ { $current } / { $total }
# Language names in this language, by language code (the translation
# status page says how many pages the default language has).
language-name-en = 英語
language-name-fr = フランス語
language-name-de = ドイツ語
language-name-es = スペイン語
language-name-ja = 日本語
language-name-zh-CN = 中国語（簡体字）
language-name-ar = アラビア語

## 埋め込み動画 (a YouTube, Vimeo or PeerTube link alone in a paragraph)

video-play = 動画を再生
# $site: YouTube, Vimeo or PeerTube.
video-watch = { $site } で見る
video-privacy = 再生すると動画サイトからプレーヤーを読み込みます。
video-file = 動画をダウンロード
video-transcript = 文字起こし
