# UI strings of the default theme's onboarding layouts, in Japanese.
# Translated from `locales/en/layouts.ftl`: same ids, same variables.

## News

news-pages = ニュースのページ
news-newer = 新しい投稿
news-older = 古い投稿
news-page-of = { $current } / { $total } ページ
news-empty = まだ投稿はありません。
news-feed = フィードを購読
news-release = リリース { $version }
news-back = 「{ $listing }」に戻る
release-thanks-title = ありがとうございます
release-thanks-text = このリリースは { $count } 人のコントリビューターによって作られました:
release-thanks-source = { $range } のコミットの作者です。

## Case studies

case-studies-filters = 事例を絞り込む
case-studies-facet-industry = 業種
case-studies-facet-region = 地域
case-studies-facet-product = 製品
case-studies-all = すべて
case-studies-count = { $count } 件の事例
case-studies-empty = まだ事例はありません。
case-studies-read = 事例を読む
case-study-logo = { $organization } のロゴ
case-study-industry = 業種
case-study-region = 地域
case-study-product = 製品
case-study-resources = 関連資料
case-study-resource-pdf = PDF
case-study-resource-video = 動画
case-study-resource-slides = スライド
case-study-resource-article = 記事
case-study-back = 「{ $listing }」に戻る

## Getting started

getting-started-steps = 手順
getting-started-step = ステップ { $number }
getting-started-paths = コースを選ぶ
path-length = { $count } ステップ
path-start = 始める
path-step-of = ステップ { $current } / { $total }
path-navigation = { $path }: 前後のステップ
path-previous = 前のステップ
path-next = 次のステップ
path-done = このコースはこれで終わりです。

## Directory

directory-filter = 絞り込み
directory-filter-placeholder = 名前、ベンダー、説明
directory-category = カテゴリー
directory-all-categories = すべてのカテゴリー
directory-sort = 並べ替え
directory-sort-name = 名前
directory-sort-vendor = ベンダー
directory-sort-version = バージョン
directory-vendor = ベンダー
directory-version = 認定バージョン
directory-visit = ウェブサイト
directory-count = { $count } 件
directory-empty = 該当する項目はありません。

## Contributor guide

guide-issues-title = 初めての方向けの Issue
guide-issues-intro = 初めての貢献に向けて選んだ Issue です。着手する前にコメントを残して、ほかの人と重ならないようにしてください。
guide-difficulty = 難易度
guide-difficulty-easy = やさしい
guide-difficulty-medium = ふつう
guide-difficulty-hard = むずかしい
guide-labels = ラベル
guide-contact-title = 連絡先
guide-contact-meetings = ミーティング
guide-contact-chat = チャット
guide-contact-forum = フォーラム

## Community

community-summary = { $contributors } 人が { $commits } 件の貢献をしました。
community-source-git = リポジトリの git 履歴から集計しています(マージコミットを除く)。
community-source-data = プロジェクトの記録から集計しています。
community-percent = { $share }%
community-flag = { $organization } が貢献の { $share } を占めており、{ $threshold } を超えています。プロジェクトが一つの組織に大きく依存しています。
community-orgs-title = 組織別の貢献
community-chart-label = 組織別の貢献の割合
community-organization = 組織
community-contributions = 貢献
community-share = 割合
community-total = 合計
community-unaffiliated = 個人または不明
community-flagged = しきい値超過
community-top-title = 主なコントリビューター
community-commits = { $count } 件の貢献
community-empty = まだ貢献の記録はありません。

## ミーティング(レイアウト `meetings`)

meetings-calendar = カレンダーに追加 (iCalendar)
# $days: how many days ahead the page lists.
meetings-window = 今後 { $days } 日間のミーティング(JavaScript が動くとあなたのタイムゾーンで表示)。
# $minutes: length of a meeting.
meetings-duration = { $minutes } 分
meetings-cancelled = 中止
meetings-moved = 日時変更
meetings-join = 参加する
meetings-notes = メモ
meetings-empty = 今後数週間のミーティングはありません。

## 動画 (レイアウト `videos`)

videos-speakers = 登壇者
videos-tags = タグ
videos-kind-talk = 講演
videos-kind-demo = デモ
videos-kind-meeting = ミーティングの録画
videos-empty = まだ動画はありません。
