# Nästa steg: user interface strings, Dari (Afghan Persian). Translated from en/main.ftl (the reference language).
# Every language folder must have the same keys. Text may use <b>bold</b> and <i>italic</i>.
# { $name } is filled in by the bot: keep it as it is.
# Right-to-left: { "\u2066116 111\u2069" } and { "\u2066/menu\u2069" } are the number 116 111 and the command /menu
# wrapped in invisible left-to-right isolation, so Dari text does not show them as "111 116" or "menu/". Keep them so.

## About this language
language-name = دری
language-direction = rtl
language-telegram-codes = fa prs fa-AF
language-order = 4

## Language choice (shown in every language at once)
choose-language = سلام! زبان خود را انتخاب کن:

## Main menu
menu-text =
    <b>قدم بعدی تو – Nästa steg</b>
    تو به درخواست پناهندگی خود جواب رد گرفته‌ای. تو تنها نیستی و کمک وجود دارد. چه چیزی را می‌خواهی بدانی؟
menu-sheet = جواب رد گرفتم – حالا چه کنم؟
menu-legal = کمک حقوقی مجانی
menu-places = جاها و فعالیت‌ها
menu-emergency = حالت عاجل و خط‌های کمک
menu-talk = با کسی صحبت کن
menu-language = زبان
menu-about = دربارهٔ بات و حریم خصوصی

## Buttons on every screen
button-back = ‹ برگشت
button-menu = ☰ فهرست
button-previous = ‹ قبلی
button-more = بیشتر بخوان ›
button-next-section = بعدی: { $title } ›
button-map = 📍 نشان دادن در نقشه
button-website = 🌐 ویب‌سایت
button-telegram = ✈️ Telegram

## The information sheet
sheet-intro = <b>جواب رد گرفتم – حالا چه کنم؟</b>
    یک موضوع را انتخاب کن. به هر ترتیبی که می‌خواهی بخوان. همیشه می‌توانی دوباره برگردی.
section-checked = معلومات در { $date } بررسی شد.
section-draft = این ترجمه هنوز بررسی نشده است. اگر چیزی روشن نیست، از کسی که به تو کمک می‌کند بپرس.

## Lists of organisations
list-legal = <b>کمک حقوقی مجانی</b>
    این مؤسسه‌ها به طور مجانی مشورهٔ حقوقی می‌دهند. وکیل عمومی تو (وکیل قضیهٔ پناهندگی تو) هم مجانی است.
list-places = <b>جاها و فعالیت‌ها</b>
    جاهایی که در آن‌ها می‌توانی با دیگران آشنا شوی، حمایت بگیری و در فعالیت‌ها شرکت کنی.
list-support = <b>حمایت و مشوره</b>
list-emergency = <b>حالت عاجل و خط‌های کمک</b>
    همین حالا در خطر هستی؟ به <b>112</b> زنگ بزن.
helpline-line = { $name }: { $phone }

## One organisation
org-languages = 🗣 زبان‌ها: { $languages }
org-phone = 📞 { $phone }
org-hours = 🕒 { $hours } – { $status }
org-address = 🏠 { $address }
org-website = 🌐 { $url }
org-email = ✉️ { $email }
org-telegram = ✈️ { $username }
org-unverified = بعضی معلومات هنوز تأیید نشده است. ویب‌سایت را ببین یا وقتی با آن‌ها تماس می‌گیری، بپرس.
org-checked = در { $date } بررسی شد.

## Opening hours (Swedish time)
hours-always = 🕒 شب و روز باز است، هر روز
hours-open-now = حالا باز است، تا ساعت { $time }
hours-opens-at = حالا بسته است، روز { $day } ساعت { $time } باز می‌شود
hours-closed = حالا بسته است

## Talk to someone
talk-text =
    <b>با کسی صحبت کن</b>
    لازم نیست هیچ تصمیمی را تنهایی بگیری. مؤسسه‌های این فهرست با جوانانی که در وضعیت تو هستند صحبت می‌کنند. لازم نیست نام خود را بگویی.
    ادارهٔ مهاجرت (Migrationsverket) هم در این فهرست است. آن ادارهٔ دولتی است که دربارهٔ قضیهٔ تو تصمیم می‌گیرد، نه یک مؤسسهٔ کمک.
    حالت خیلی بد است، به هر سنی که باشی؟ شب و روز به <b>90101</b> زنگ بزن. کمتر از ۱۸ سال داری؟ مؤسسهٔ BRIS شب و روز جواب می‌دهد: <b>{ "\u2066116 111\u2069" }</b>. هر دو خط به زبان سویدنی جواب می‌دهند. اگر در خطر هستی: <b>112</b>.
    یک مؤسسه را انتخاب کن تا ببینی چطور با آن تماس بگیری:

## Help and privacy
help-text =
    <b>چطور از Nästa steg استفاده کنی</b>
    برای رفتن به بخش‌های مختلف، دکمه‌ها را فشار بده. ‹ برگشت تو را یک قدم به عقب می‌برد و ☰ فهرست تو را به شروع می‌برد.
    فرمان‌ها: { "\u2066/menu\u2069" } – فهرست اصلی، { "\u2066/language\u2069" } – تغییر زبان، { "\u2066/privacy\u2069" } – چه چیزی را نگه می‌داریم، { "\u2066/forget\u2069" } – پاک کردن آنچه بات دربارهٔ تو به یاد دارد.
about-text =
    <b>دربارهٔ Nästa steg</b>
    معلومات برای جوانانی که تنها به سویدن آمده‌اند و اولین جواب رد را به درخواست پناهندگی خود گرفته‌اند. این بات با همکاری مؤسسه‌هایی که به جوانان کمک می‌کنند ساخته شده است. این بات وکیل نیست و ادارهٔ دولتی هم نیست: همیشه از وکیل عمومی یا سرپرست خود بپرس.

    <b>حریم خصوصی تو</b>
    • بات نام تو، نمبر تیلفون تو یا چیزی را که می‌نویسی نگه نمی‌دارد.
    • فقط زبانی را که انتخاب کرده‌ای به یاد دارد. آن را زیر یک کود مخفی نگه می‌دارد، نه زیر حساب Telegram تو، و اگر یک سال از بات استفاده نکنی، آن را پاک می‌کند.
    • می‌شمارد که هر صفحه در یک روز چند بار باز می‌شود، بدون این‌که بداند چه کسی آن را باز کرده است.
    • اگر از طریق بات به کارمندان بنویسی، ارتباط با چت تو را فقط تا وقتی گفتگو باز است نگه می‌دارد، و آن را بعد از { $days } روز بدون پیام، وقتی گفتگو تمام می‌شود، یا با فرمان { "\u2066/forget\u2069" } پاک می‌کند. پیام‌هایت نگه داشته نمی‌شوند.
    • فرمان { "\u2066/forget\u2069" } انتخاب زبان تو را فوراً پاک می‌کند.
    • شرکت Telegram می‌تواند ببیند که تو از این بات استفاده می‌کنی. اگر ممکن است کسی به تیلفون تو نگاه کند، می‌توانی چت را پاک کنی.

## Answers to things the bot does not understand
only-text = من نمی‌توانم عکس، ستیکر، پیام صوتی یا فایل را باز کنم. لطفاً از دکمه‌ها استفاده کن.
unknown-command = این فرمان را نمی‌شناسم.
stale-button = این دکمه کهنه است، برای همین فهرست را می‌بینی.
forgotten = انجام شد. بات دیگر زبان تو را به یاد ندارد. برای شروع دوباره { "\u2066/start\u2069" } را بنویس.
error-generic = ببخشید، مشکلی پیش آمد. لطفاً دوباره کوشش کن، یا { "\u2066/menu\u2069" } را بنویس.

## Telegram's command menu and bot description
command-start = شروع و انتخاب زبان
command-menu = فهرست اصلی
command-language = تغییر زبان
command-help = چطور از بات استفاده کنی
command-privacy = دربارهٔ بات و حریم خصوصی
command-forget = پاک کردن آنچه بات دربارهٔ تو به یاد دارد
bot-short-description = معلومات و کمک بعد از جواب رد به درخواست پناهندگی، به زبان‌های سویدنی، انگلیسی، عربی و دری.
bot-description = بات Nästa steg به جوانانی کمک می‌کند که تنها به سویدن آمده‌اند و اولین جواب رد را به درخواست پناهندگی خود گرفته‌اند: این یعنی چه، چطور به وقت شکایت کنی، حقوق تو چیست، و چه کسی می‌تواند به تو کمک کند. مجانی و بدون نام.
