# Nästa steg: نشر محتوا از گروپ ویراستاران در تلگرام (جوانان آن را نمی‌بینند).
# پیش‌نویس: هنوز یک گویندهٔ بومی آن را بررسی نکرده است. آنچه در { $... } است را بات پر می‌کند.

publish-export-caption = محتوایی که بات همین حالا نشان می‌دهد (content/ و locales/).
publish-howto =
    چطور محتوا را تغییر بدهید:
    1. فایل zip بالا را باز کنید. فایلی را که می‌خواهید تغییر بدهید، مثلاً content/sheet/fa-AF.md (برگهٔ معلومات به دری)، content/organisations.yaml (مؤسسه‌ها، نمبر‌های تلفون، ساعت‌های کاری) یا locales/fa-AF/main.ftl (دکمه‌ها و متن‌های کوتاه).
    2. فایل را به شکل فایل دوباره اینجا بفرستید (نشانهٔ گیره ← فایل). یک فایل کافی است، یا چند فایل در یک فایل zip. برای فایل .ftl یا صدای ضبط‌شده (.ogg) زبان را در شرح بنویسید، مثلاً fa-AF.
    3. بات فایل را بررسی می‌کند، می‌گوید چه چیزی تغییر می‌کند و صفحه‌های تغییرکرده را می‌فرستد. هنوز چیزی تغییر نمی‌کند.
    4. برای اینکه تغییر برای همه دیده شود /publish بنویسید، یا برای کنار گذاشتن آن /discard.
    /versions نسخه‌های آخر را نشان می‌دهد، /rollback نسخهٔ قبلی را برمی‌گرداند (/rollback 3 نسخهٔ 3 را برمی‌گرداند).
    فقط مدیران این گروپ می‌توانند محتوا را تغییر بدهند.

publish-not-admin = فقط مدیران این گروپ می‌توانند محتوا را تغییر بدهند. از یک مدیر بخواهید فایل یا فرمان را بفرستد.
publish-download-failed = گرفتن فایل از تلگرام ممکن نشد. کمی بعد دوباره کوشش کنید.

publish-refused-too-large = ✗ فایل خیلی بزرگ است (حداکثر { $limit } مگابایت). فقط فایل‌هایی را که تغییر داده‌اید بفرستید.
publish-refused-file-too-large = ✗ { $name } خیلی بزرگ است (حداکثر { $limit } مگابایت برای هر فایل).
publish-refused-not-zip = ✗ فایل zip باز نمی‌شود. فایل‌ها را دوباره zip کنید و بفرستید.
publish-refused-too-many = ✗ فایل zip { $count } فایل دارد؛ حداکثر { $limit } ممکن است. فقط فایل‌هایی را که تغییر داده‌اید بفرستید.
publish-refused-unknown-place = ✗ { $name } جزء محتوا نیست. همان پوشه‌ها و نام‌های فایل را به کار ببرید که در فایل zip از /content هستند.
publish-refused-unknown-type = ✗ { $name }: بات فقط فایل‌های .md، .yaml، .ftl و .ogg را می‌گیرد، یا یک فایل zip از آن‌ها.
publish-refused-unknown-language = ✗ زبان { $language } وجود ندارد. یکی از این‌ها را در شرح بنویسید: { $languages }.
publish-refused-which-language = ✗ بات نمی‌داند { $name } به کدام زبان است. آن را دوباره بفرستید و زبان را در شرح بنویسید، مثلاً fa-AF.
publish-refused-link = ✗ { $name } یک لینک است، نه فایل. فایل‌های اصلی را zip کنید.
publish-refused-encrypted = ✗ { $name } رمز دارد. فایل‌ها را بدون رمز zip کنید.
publish-refused-bomb = ✗ { $name } هنگام باز شدن خیلی بزرگ‌تر از اندازهٔ خودش می‌شود. بات آن را باز نمی‌کند.
publish-refused-twice = ✗ { $name } دو بار در فایل zip است.
publish-refused-not-text = ✗ { $name } به شکل متن ساده (UTF-8) ذخیره نشده است. آن را به شکل متن ساده ذخیره کنید و دوباره بفرستید.
publish-refused-empty = ✗ در فایل zip هیچ فایلی از محتوا نیست.

publish-broken =
    ✗ این تغییر قابل استفاده نیست. چیزی تغییر نکرد. { $count ->
        [one] این اشتباه
       *[other] این { $count } اشتباه
    } را درست کنید و فایل را دوباره بفرستید:
publish-nothing-changed = فایل با آنچه حالا نشان داده می‌شود یکی است. چیزی برای نشر نیست.
publish-staged = ✓ بررسی شد. وقتی /publish بنویسید این تغییر می‌کند (فایل‌ها: { $files }):
publish-staged-next = برای اینکه تغییر برای همه دیده شود /publish بنویسید، یا برای کنار گذاشتن آن /discard.
publish-warnings = { $count } چیز برای دیدن (تغییر با این هم نشر شده می‌تواند):
    { $warnings }

publish-change-sections = { $language }: بخش‌های تغییرکرده: { $names }
publish-new-sections = { $language }: بخش‌های تازه: { $names }
publish-removed-sections = { $language }: بخش‌های حذف‌شده: { $names }
publish-change-strings = { $language }: { $count ->
        [one] یک دکمه یا متن کوتاه تغییر می‌کند
       *[other] { $count } دکمه و متن کوتاه تغییر می‌کند
    }، مثلاً { $examples }
publish-change-audio = { $language }: صدای ضبط‌شدهٔ تازه یا تغییرکرده: { $names }
publish-change-organisations = مؤسسه‌های تغییرکرده: { $names }
publish-new-organisations = مؤسسه‌های تازه: { $names }
publish-removed-organisations = مؤسسه‌های حذف‌شده: { $names }
publish-change-sheet-details = جزئیات بخش‌ها (تاریخ‌ها، منابع، دکمه‌ها، بررسی): { $names }
publish-change-deadline = قاعدهٔ «مهلت من کی تمام می‌شود؟» تغییر می‌کند.
publish-change-relay = «اینجا به کارمندان بنویسید» تغییر می‌کند (مؤسسه‌ها، ساعت‌های جواب یا جواب‌های آماده).
publish-change-glossary = فهرست واژه‌ها تغییر می‌کند.
publish-change-other = فایل‌های دیگر: { $files }
publish-stale = بررسی ترجمهٔ { $language } از «{ $section }» دیگر معتبر نیست: متن سویدنی تغییر کرده است. ترجمه را تازه کنید و بررسی تازه بخواهید.
publish-swedish-changed = متن سویدنی «{ $section }» تغییر می‌کند، اما ترجمه‌ها به { $languages } نه. مطمئن شوید که تازه شوند.

publish-preview-caption = { $count ->
        [one] صفحهٔ تغییرکرده
       *[other] { $count } صفحهٔ تغییرکرده
    }، همان‌طور که دیده خواهند شد. فایل را در یک مرورگر باز کنید.
publish-preview-title = Nästa steg: صفحه‌های تغییرکرده
publish-preview-before = پیش از تغییر

publish-nothing-staged = هیچ تغییری در انتظار نیست. اول یک فایل بفرستید (/content را ببینید).
publish-discarded = تغییر کنار گذاشته شد. چیزی تغییر نکرد.
publish-done = ✓ به عنوان نسخهٔ { $number } نشر شد. بات حالا محتوای تازه را نشان می‌دهد. برای برگرداندن: /rollback.
publish-anonymous = یک مدیر
publish-commit-message = محتوا از تلگرام نشر شد (نسخهٔ { $number }، { $editor })

publish-versions-title = نسخه‌های آخر (تازه‌ترین اول):
publish-version-start = #{ $number } · { $when } · محتوا پیش از اولین نشر از تلگرام
publish-version-server = #{ $number } · { $when } · مستقیم روی سرور تغییر کرد: { $files }
publish-version-publish = #{ $number } · { $when } · { $editor }: { $files }
publish-version-rollback = #{ $number } · { $when } · { $editor }: برگشت به نسخهٔ { $restored }
publish-versions-hint = /rollback N نسخهٔ N را برمی‌گرداند؛ /rollback بدون نمبر نسخهٔ قبلی را برمی‌گرداند.
publish-versions-none = هنوز چیزی از تلگرام نشر نشده است.
publish-rollback-unknown = نسخهٔ { $number } وجود ندارد. /versions را ببینید.
publish-rollback-same = نسخهٔ { $number } همین حالا نشان داده می‌شود.
publish-rollback-done = ✓ نسخهٔ { $restored } برگشت (به عنوان نسخهٔ { $number } ذخیره شد). بات حالا آن را نشان می‌دهد.
