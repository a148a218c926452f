# Nästa steg: user interface strings, Arabic (Modern Standard, simple words). Translated from en/main.ftl (the reference language).
# Every language folder must have the same keys. Text may use <b>bold</b> and <i>italic</i>.
# { $name } is filled in by the bot: keep it as it is.
# Right-to-left: { "\u2066116 111\u2069" } and { "\u2066/menu\u2069" } are the number 116 111 and the command /menu
# wrapped in invisible left-to-right isolation, so Arabic text does not show them as "111 116" or "menu/". Keep them so.

## About this language
language-name = العربية
language-direction = rtl
language-telegram-codes = ar
language-order = 3

## Language choice (shown in every language at once)
choose-language = مرحبًا! اختر لغتك:

## Main menu
menu-text =
    <b>خطوتك التالية – Nästa steg</b>
    تم رفض طلب اللجوء الخاص بك. أنت لست وحدك، وهناك مساعدة. ماذا تريد أن تعرف؟
menu-sheet = رُفض طلب لجوئي – ماذا الآن؟
menu-legal = مساعدة قانونية مجانية
menu-places = أماكن وأنشطة
menu-emergency = الطوارئ وخطوط المساعدة
menu-talk = تحدّث مع شخص
menu-language = اللغة
menu-about = عن البوت والخصوصية

## Buttons on every screen
button-back = ‹ رجوع
button-menu = ☰ القائمة
button-previous = ‹ السابق
button-more = اقرأ المزيد ›
button-next-section = التالي: { $title } ›
button-map = 📍 عرض على الخريطة
button-website = 🌐 الموقع الإلكتروني
button-telegram = ✈️ Telegram

## The information sheet
sheet-intro = <b>رُفض طلب لجوئي – ماذا الآن؟</b>
    اختر موضوعًا. اقرأ بالترتيب الذي تريده، ويمكنك دائمًا أن ترجع.
section-checked = تم التحقق من المعلومات بتاريخ { $date }.
section-draft = هذه الترجمة لم تتم مراجعتها بعد. إذا كان هناك شيء غير واضح، اسأل شخصًا يساعدك.

## Lists of organisations
list-legal = <b>مساعدة قانونية مجانية</b>
    هذه المنظمات تقدم نصائح قانونية مجانًا. وكيلك القانوني العام (محاميك) مجاني أيضًا.
list-places = <b>أماكن وأنشطة</b>
    أماكن تستطيع فيها أن تلتقي بأشخاص آخرين، وتحصل على الدعم، وتشارك في أنشطة.
list-support = <b>دعم ونصيحة</b>
list-emergency = <b>الطوارئ وخطوط المساعدة</b>
    هل أنت في خطر الآن؟ اتصل بالرقم <b>112</b>.
helpline-line = { $name }: { $phone }

## One organisation
org-languages = 🗣 اللغات: { $languages }
org-phone = 📞 { $phone }
org-hours = 🕒 { $hours } – { $status }
org-address = 🏠 { $address }
org-website = 🌐 { $url }
org-email = ✉️ { $email }
org-telegram = ✈️ { $username }
org-unverified = بعض المعلومات لم يتم تأكيدها بعد. تحقق من الموقع الإلكتروني أو اسأل عندما تتواصل معهم.
org-checked = تم التحقق بتاريخ { $date }.

## Opening hours (Swedish time)
hours-always = 🕒 مفتوح ليلًا ونهارًا، كل يوم
hours-open-now = مفتوح الآن، حتى الساعة { $time }
hours-opens-at = مغلق الآن، يفتح يوم { $day } الساعة { $time }
hours-closed = مغلق الآن

## Talk to someone
talk-text =
    <b>تحدّث مع شخص</b>
    لا تحتاج إلى أن تقرر أي شيء وحدك. المنظمات هنا تتحدث مع شباب في مثل وضعك. ولا تحتاج إلى أن تقول اسمك.
    مصلحة الهجرة (Migrationsverket) موجودة أيضًا في القائمة. هي الجهة الحكومية التي تقرر في قضيتك، وليست منظمة مساعدة.
    تشعر بسوء شديد، مهما كان عمرك؟ اتصل بالرقم <b>90101</b>، ليلًا ونهارًا. عمرك أقل من 18 سنة؟ منظمة BRIS ترد ليلًا ونهارًا: <b>{ "\u2066116 111\u2069" }</b>. الخطّان يردّان باللغة السويدية. إذا كنت في خطر: <b>112</b>.
    اختر منظمة لترى كيف تتواصل معها:

## Help and privacy
help-text =
    <b>كيف تستخدم Nästa steg</b>
    اضغط على الأزرار لتتنقل. زر ‹ رجوع يعيدك خطوة إلى الوراء، وزر ☰ القائمة يعيدك إلى البداية.
    الأوامر: { "\u2066/menu\u2069" } – القائمة الرئيسية، { "\u2066/language\u2069" } – تغيير اللغة، { "\u2066/privacy\u2069" } – ماذا نحفظ، { "\u2066/forget\u2069" } – حذف ما يتذكره البوت عنك.
about-text =
    <b>عن Nästa steg</b>
    معلومات للشباب الذين جاؤوا إلى السويد وحدهم وحصلوا على أول رفض لطلب اللجوء. تم إعدادها بالتعاون مع منظمات تساعد الشباب. هذا البوت ليس محاميًا وليس جهة حكومية: تأكد دائمًا من المعلومات مع وكيلك القانوني العام أو مع الوصي المؤتمن عليك.

    <b>خصوصيتك</b>
    • البوت لا يحفظ اسمك ولا رقم هاتفك ولا ما تكتبه.
    • يتذكر فقط اللغة التي اخترتها. يحفظها تحت رمز سري بدلًا من حسابك في Telegram، ويحذفها إذا لم تستخدم البوت لمدة سنة.
    • يعدّ كم مرة تُفتح كل صفحة في اليوم، دون أن يعرف من فتحها.
    • إذا كتبت إلى الموظفين عبر البوت، يحتفظ بالرابط إلى محادثتك فقط ما دامت المحادثة مفتوحة، ويحذفه بعد { $days ->
        [one] يوم واحد
        [two] يومين
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    } بدون رسائل، أو عند انتهاء المحادثة، أو بالأمر { "\u2066/forget\u2069" }. لا تُحفظ رسائلك.
    • الأمر { "\u2066/forget\u2069" } يحذف اختيارك للغة فورًا.
    • شركة Telegram تستطيع أن ترى أنك تستخدم هذا البوت. إذا كان أحد قد ينظر في هاتفك، يمكنك حذف المحادثة.

## Answers to things the bot does not understand
only-text = لا أستطيع فتح الصور أو الملصقات أو الرسائل الصوتية أو الملفات. من فضلك استخدم الأزرار.
unknown-command = لا أعرف هذا الأمر.
stale-button = هذا الزر قديم، لذلك هذه هي القائمة.
forgotten = تم. البوت لم يعد يتذكر لغتك. اكتب { "\u2066/start\u2069" } لتبدأ من جديد.
error-generic = عذرًا، حدث خطأ. حاول مرة أخرى، أو اكتب { "\u2066/menu\u2069" }.

## Telegram's command menu and bot description
command-start = ابدأ واختر اللغة
command-menu = القائمة الرئيسية
command-language = تغيير اللغة
command-help = كيف تستخدم البوت
command-privacy = عن البوت والخصوصية
command-forget = حذف ما يتذكره البوت عنك
bot-short-description = معلومات ومساعدة بعد رفض طلب اللجوء، بالسويدية والإنجليزية والعربية والدرية.
bot-description = يساعد Nästa steg الشباب الذين جاؤوا إلى السويد وحدهم وحصلوا على أول رفض لطلب اللجوء: ماذا يعني ذلك، وكيف تقدّم استئنافًا في الوقت المحدد، وما هي حقوقك، ومن يستطيع مساعدتك. مجاني، ولا تحتاج إلى أن تذكر اسمك.

## أمان المحادثة: أبقِ هذه المحادثة خاصة على هاتفك
# مسودة (draft): كتبها الفريق، ولم يراجعها بعد متحدث أصلي باللغة.
menu-safe = 🛡️ ابقَ آمنًا
safe-text =
    <b>أبقِ هذه المحادثة آمنة على هاتفك</b>
    أنت من يقرر من يرى محادثاتك. هذه الخطوات تساعدك إذا كان شخص آخر قد ينظر إلى هاتفك.

    <b>⏱ اجعل الرسائل تُحذف وحدها</b>
    افتح هذه المحادثة واضغط على ⋮ في الأعلى (على iPhone: اضغط على اسم البوت ثم ⋯). اختر <i>الحذف التلقائي</i> واختر يومًا واحدًا أو أسبوعًا. بعد ذلك تختفي الرسائل في هذه المحادثة وحدها.

    <b>🔒 اقفل Telegram برمز</b>
    الإعدادات ← الخصوصية والأمان ← قفل رمز المرور. بعدها يطلب Telegram رمزك كلما فتحته. وأوقف أيضًا معاينة الرسائل (الإعدادات ← الإشعارات والأصوات)، حتى لا تُظهر الشاشة المقفلة ما كتبه العاملون.

    <b>🗂 أخفِ هذه المحادثة</b>
    اسحب المحادثة إلى اليسار في قائمة المحادثات، أو اضغط عليها مطولًا، واختر <i>أرشفة</i>. عندها تخرج من قائمتك الرئيسية.

    <b>🧹 احذف كل شيء</b>
    أرسل { "\u2066/forget\u2069" }: ينساك البوت ويحذف الرسائل في هذه المحادثة من آخر 48 ساعة. يمكنك دائمًا العودة بـ { "\u2066/start\u2069" }.

    إذا كنت في خطر الآن، اتصل بـ 112.
