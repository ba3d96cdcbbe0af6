# UI strings of onramp's default theme, in Arabic (Modern Standard Arabic).
#
# Translated from `locales/en/ui.ftl` (the reference language): same message
# ids, same variables. A site overrides any of them in its own
# `locales/ar/*.ftl` (for instance to use the Levantine month names
# كانون الثاني، شباط… instead of يناير، فبراير…).
#
# Arabic plural categories (CLDR): zero (0), one (1), two (2), few (3–10),
# many (11–99), other (100–102…).

## Page title and head

# The <title> of every page but the home page. $page: page title, $site: site title.
page-title = { $page } · { $site }
# Footer credit. $generator: the generator's name.
built-with = أُنشئ باستخدام { $generator }

## Header

skip-to-content = انتقل إلى المحتوى
# Label of the header's menu of top-level links.
main-menu = القائمة الرئيسية
# Label of the sidebar (the tree of sections and pages).
site-navigation = التوثيق
# Button that opens and closes the sidebar on small screens.
toggle-sidebar = القائمة
# In a long list of the sidebar, the link that stands for the pages it leaves out;
# it leads to the section's page, which lists them all. $count: how many pages.
sidebar-more-pages = { $count ->
    [zero] لا صفحات أخرى
    [one] صفحة أخرى واحدة
    [two] صفحتان أخريان
    [few] { $count } صفحات أخرى
    [many] { $count } صفحة أخرى
   *[other] { $count } صفحة أخرى
}
# Button that switches between the light and dark colour schemes (a toggle: "pressed" means dark).
toggle-theme = الوضع الداكن
# Label of the language switcher.
languages = اللغات
# Beside a language in the switcher when the page has no translation in it (الصفحة: feminine).
untranslated = غير مترجمة

## Search (the search box is filled in by the search script)

search = بحث
search-placeholder = ابحث في التوثيق

## Docs pages

breadcrumbs = مسار التنقل
on-this-page = في هذه الصفحة
# $minutes: estimated reading time, in whole minutes (at least 1).
reading-time = { $minutes ->
    [zero] مدة القراءة: أقل من دقيقة
    [one] مدة القراءة: دقيقة واحدة
    [two] مدة القراءة: دقيقتان
    [few] مدة القراءة: { $minutes } دقائق
    [many] مدة القراءة: { $minutes } دقيقة
   *[other] مدة القراءة: { $minutes } دقيقة
}
# $date: the date of the last change, formatted with date-format.
last-updated = آخر تحديث: { $date }
edit-page = تعديل هذه الصفحة
# Label of the links to the previous and next pages.
page-navigation = الصفحتان السابقة والتالية
previous-page = السابق
next-page = التالي
copy-code = نسخ الشيفرة
copied = تم النسخ!

## Alerts (> [!NOTE] … in markdown): the title of each kind of callout

alert-note = ملاحظة
alert-tip = نصيحة
alert-important = مهم
alert-warning = تحذير
alert-caution = تنبيه

## Sections

# Heading above the cards linking to a section's subsections.
section-subsections = الأقسام
# Heading above the list of a section's pages.
section-pages = الصفحات

## Translations

# Shown on a page that exists only in the default language. $language: the name of the reader's language, in itself ("العربية").
not-translated = لم تُترجَم هذه الصفحة إلى { $language } بعد.
help-translate = ساعد في ترجمتها
outdated-translation = تغيّرت الصفحة الأصلية منذ إعداد هذه الترجمة.
read-original = اقرأ الصفحة الأصلية

## Page not found

page-not-found-title = الصفحة غير موجودة
page-not-found-text = الصفحة التي تبحث عنها غير موجودة. ربما نُقلت إلى مكان آخر، أو ربما كُتب العنوان بشكل خاطئ.
back-home = العودة إلى الصفحة الرئيسية

## Dates

# $day: day of the month (number), $month: the month's name (month-1 … month-12), $year: year.
# Example: "5 نوفمبر 2024".
date-format = { $day } { $month } { $year }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

# The visible word on the search dialog's close button (its accessible
# name is search-close).
search-close-button = إغلاق
# Above the previous and next steps of a getting-started path, telling
# them apart from the section's previous and next pages.
# $path: the path's title; $current, $total: step numbers.
path-nav-heading = المسار: { $path } — الخطوة { $current } من { $total }
# Language names in this language, by language code (the translation
# status page says how many pages the default language has).
language-name-en = الإنجليزية
language-name-fr = الفرنسية
language-name-de = الألمانية
language-name-es = الإسبانية
language-name-ja = اليابانية
language-name-zh-CN = الصينية (المبسطة)
language-name-ar = العربية

## الفيديوهات المضمّنة (a YouTube, Vimeo or PeerTube link alone in a paragraph)

video-play = شغّل الفيديو
# $site: YouTube, Vimeo or PeerTube.
video-watch = شاهد على { $site }
video-privacy = التشغيل يحمّل المشغّل من موقع الفيديو.
video-file = نزّل الفيديو
video-transcript = النص المكتوب
