# UI strings of onramp's default theme, in Simplified Chinese.
#
# Translated from `locales/en/ui.ftl` (the reference language): same message
# ids, same variables. A site overrides any of them in its own
# `locales/zh-CN/*.ftl`.
#
# Chinese has a single plural form: select expressions only need *[other].
# Style: the reader is addressed as "你"; a space separates Chinese text from
# numbers and Latin words, except in dates.

## Page title and head

# The <title> of every page but the home page. $page: page title, $site: site title.
page-title = { $page } · { $site }
# Footer credit. $generator: the generator's name.
built-with = 基于 { $generator } 构建

## Header

skip-to-content = 跳转到主要内容
# Label of the header's menu of top-level links.
main-menu = 主菜单
# Label of the sidebar (the tree of sections and pages).
site-navigation = 文档
# Button that opens and closes the sidebar on small screens.
toggle-sidebar = 菜单
# In a long list of the sidebar, the link that stands for the pages it leaves out;
# it leads to the section's page, which lists them all. $count: how many pages.
sidebar-more-pages = 另外 { $count } 个页面
# Button that switches between the light and dark colour schemes (a toggle: "pressed" means dark).
toggle-theme = 深色模式
# Label of the language switcher.
languages = 语言
# Beside a language in the switcher when the page has no translation in it.
untranslated = 未翻译

## Search (the search box is filled in by the search script)

search = 搜索
search-placeholder = 搜索文档

## Docs pages

breadcrumbs = 面包屑导航
on-this-page = 本页内容
# $minutes: estimated reading time, in whole minutes (at least 1).
reading-time = { $minutes ->
   *[other] 预计阅读 { $minutes } 分钟
}
# $date: the date of the last change, formatted with date-format.
last-updated = 最后更新于：{ $date }
edit-page = 编辑此页
# Label of the links to the previous and next pages.
page-navigation = 上一页和下一页
previous-page = 上一页
next-page = 下一页
copy-code = 复制代码
copied = 已复制！

## Alerts (> [!NOTE] … in markdown): the title of each kind of callout

alert-note = 备注
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 注意

## Sections

# Heading above the cards linking to a section's subsections.
section-subsections = 章节
# Heading above the list of a section's pages.
section-pages = 页面

## Translations

# Shown on a page that exists only in the default language. $language: the name of the reader's language, in itself ("简体中文").
not-translated = 此页面尚未翻译为{ $language }。
help-translate = 帮助翻译
outdated-translation = 自本译文完成以来，原始页面已有更改。
read-original = 阅读原文

## Page not found

page-not-found-title = 页面未找到
page-not-found-text = 你要查找的页面不存在。它可能已被移动，或者地址输入有误。
back-home = 返回首页

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
search-close-button = 关闭
# Above the previous and next steps of a getting-started path, telling
# them apart from the section's previous and next pages.
# $path: the path's title; $current, $total: step numbers.
path-nav-heading = 路径：{ $path } — 第 { $current } 步，共 { $total } 步
# Language names in this language, by language code (the translation
# status page says how many pages the default language has).
language-name-en = 英语
language-name-fr = 法语
language-name-de = 德语
language-name-es = 西班牙语
language-name-ja = 日语
language-name-zh-CN = 简体中文
language-name-ar = 阿拉伯语

## 嵌入视频 (a YouTube, Vimeo or PeerTube link alone in a paragraph)

video-play = 播放视频
# $site: YouTube, Vimeo or PeerTube.
video-watch = 在 { $site } 上观看
video-privacy = 播放时会从视频网站加载播放器。
video-file = 下载视频
video-transcript = 文字稿
