# Version switcher and banners (`versions:` in site.yaml).

# Label of the version switcher.
versions = الإصدارات
# Beside the latest release in the version switcher.
version-latest = الأحدث
# Beside a version not released yet in the version switcher.
version-unreleased-note = غير منشور
# Beside a version that has no copy of the page (the link leads to its section page).
version-page-missing = ليست في هذا الإصدار
# Banner of a page of an older release. $version: its version, $latest: the latest release.
version-older = أنت تقرأ توثيق الإصدار { $version }. أحدث إصدار هو { $latest }.
# Banner of a page of a version not released yet. $version: its version, $latest: the latest release.
version-unreleased = أنت تقرأ توثيق الإصدار { $version } الذي لم يُنشر بعد. أحدث إصدار هو { $latest }.
# Link of the banners to the same page in the latest release.
version-read-latest = اقرأ هذه الصفحة في الإصدار { $latest }
# Link of the banners when the latest release has no such page: its section page.
version-go-latest = انتقل إلى توثيق الإصدار { $latest }
# Search dialog of a page of another version than the latest: what is searched.
search-in-version = البحث في الإصدار { $version }
# Search dialog: the button that searches the latest release instead.
search-latest-version = ابحث في الإصدار { $latest } بدلًا من ذلك
