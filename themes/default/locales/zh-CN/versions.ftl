# Version switcher and banners (`versions:` in site.yaml).

# Label of the version switcher.
versions = 版本
# Beside the latest release in the version switcher.
version-latest = 最新
# Beside a version not released yet in the version switcher.
version-unreleased-note = 未发布
# Beside a version that has no copy of the page (the link leads to its section page).
version-page-missing = 此版本中没有
# Banner of a page of an older release. $version: its version, $latest: the latest release.
version-older = 您正在阅读 { $version } 的文档。最新版本是 { $latest }。
# Banner of a page of a version not released yet. $version: its version, $latest: the latest release.
version-unreleased = 您正在阅读尚未发布的 { $version } 的文档。最新版本是 { $latest }。
# Link of the banners to the same page in the latest release.
version-read-latest = 在 { $latest } 中阅读此页
# Link of the banners when the latest release has no such page: its section page.
version-go-latest = 前往 { $latest } 的文档
# Search dialog of a page of another version than the latest: what is searched.
search-in-version = 正在搜索 { $version }
# Search dialog: the button that searches the latest release instead.
search-latest-version = 改为搜索 { $latest }
