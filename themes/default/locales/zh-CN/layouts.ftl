# UI strings of the default theme's onboarding layouts, in Simplified Chinese.
# Translated from `locales/en/layouts.ftl`: same ids, same variables.

## News

news-pages = 新闻分页
news-newer = 较新的文章
news-older = 较早的文章
news-page-of = 第 { $current } 页，共 { $total } 页
news-empty = 暂无文章。
news-feed = 订阅 Feed
news-release = { $version } 版本
news-back = 返回“{ $listing }”
release-thanks-title = 致谢
release-thanks-text = 本版本由 { $count } 位贡献者完成：
release-thanks-source = { $range } 中提交的作者。

## Case studies

case-studies-filters = 筛选案例
case-studies-facet-industry = 行业
case-studies-facet-region = 地区
case-studies-facet-product = 产品
case-studies-all = 全部
case-studies-count = { $count } 个案例
case-studies-empty = 暂无案例。
case-studies-read = 阅读案例
case-study-logo = { $organization } 的标志
case-study-industry = 行业
case-study-region = 地区
case-study-product = 产品
case-study-resources = 相关资源
case-study-resource-pdf = PDF
case-study-resource-video = 视频
case-study-resource-slides = 幻灯片
case-study-resource-article = 文章
case-study-back = 返回“{ $listing }”

## Getting started

getting-started-steps = 步骤
getting-started-step = 第 { $number } 步
getting-started-paths = 选择你的路径
path-length = { $count } 步
path-start = 开始
path-step-of = 第 { $current } 步，共 { $total } 步
path-navigation = { $path }：上一步和下一步
path-previous = 上一步
path-next = 下一步
path-done = 你已完成这条路径。

## Directory

directory-filter = 筛选
directory-filter-placeholder = 名称、厂商或描述
directory-category = 类别
directory-all-categories = 全部类别
directory-sort = 排序方式
directory-sort-name = 名称
directory-sort-vendor = 厂商
directory-sort-version = 版本
directory-vendor = 厂商
directory-version = 认证版本
directory-visit = 网站
directory-count = { $count } 项
directory-empty = 没有匹配的项目。

## Contributor guide

guide-issues-title = 适合新手的议题
guide-issues-intro = 为首次贡献挑选的议题。开始之前请先留言，以免与他人重复。
guide-difficulty = 难度
guide-difficulty-easy = 简单
guide-difficulty-medium = 中等
guide-difficulty-hard = 困难
guide-labels = 标签
guide-contact-title = 联系我们
guide-contact-meetings = 会议
guide-contact-chat = 聊天
guide-contact-forum = 论坛

## Community

community-summary = { $contributors } 人做出了 { $commits } 次贡献。
community-source-git = 根据仓库的 git 历史统计(不含合并提交)。
community-source-data = 根据项目的记录统计。
community-percent = { $share }%
community-flag = { $organization } 贡献了 { $share }，超过 { $threshold }：项目严重依赖单一组织。
community-orgs-title = 按组织统计的贡献
community-chart-label = 各组织的贡献占比
community-organization = 组织
community-contributions = 贡献
community-share = 占比
community-total = 合计
community-unaffiliated = 独立或未知
community-flagged = 超过阈值
community-top-title = 主要贡献者
community-commits = { $count } 次贡献
community-empty = 暂无贡献记录。

## 会议(布局 `meetings`)

meetings-calendar = 添加到日历 (iCalendar)
# $days: how many days ahead the page lists.
meetings-window = 未来 { $days } 天的会议(运行 JavaScript 时按您的时区显示)。
# $minutes: length of a meeting.
meetings-duration = { $minutes } 分钟
meetings-cancelled = 已取消
meetings-moved = 已改期
meetings-join = 加入
meetings-notes = 笔记
meetings-empty = 未来几周没有会议。

## 视频 (布局 `videos`)

videos-speakers = 演讲者
videos-tags = 标签
videos-kind-talk = 演讲
videos-kind-demo = 演示
videos-kind-meeting = 会议录像
videos-empty = 暂无视频。
