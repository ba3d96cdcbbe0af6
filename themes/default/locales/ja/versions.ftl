# Version switcher and banners (`versions:` in site.yaml).

# Label of the version switcher.
versions = バージョン
# Beside the latest release in the version switcher.
version-latest = 最新
# Beside a version not released yet in the version switcher.
version-unreleased-note = 未リリース
# Beside a version that has no copy of the page (the link leads to its section page).
version-page-missing = このバージョンにはありません
# Banner of a page of an older release. $version: its version, $latest: the latest release.
version-older = { $version } のドキュメントを表示しています。最新リリースは { $latest } です。
# Banner of a page of a version not released yet. $version: its version, $latest: the latest release.
version-unreleased = 未リリースの { $version } のドキュメントを表示しています。最新リリースは { $latest } です。
# Link of the banners to the same page in the latest release.
version-read-latest = このページを { $latest } で読む
# Link of the banners when the latest release has no such page: its section page.
version-go-latest = { $latest } のドキュメントへ
# Search dialog of a page of another version than the latest: what is searched.
search-in-version = { $version } を検索中
# Search dialog: the button that searches the latest release instead.
search-latest-version = 代わりに { $latest } を検索
