# Nästa steg: publishing content from the editors' group on Telegram (not seen by young people).
# Words in { $... } are filled in by the bot: file names, names, numbers, dates.

publish-export-caption = The content the bot shows right now (content/ and locales/).
publish-howto =
    How to change the content:
    1. Open the zip file above. Change the file you want, for example content/sheet/sv.md (the information sheet in Swedish), content/organisations.yaml (organisations, phone numbers, opening hours) or locales/sv/main.ftl (buttons and short texts).
    2. Send the file back here as a file (paperclip → File). One file is fine, or several in a zip file. For a .ftl file or a recording (.ogg), write the language in the caption, for example fa-AF.
    3. The bot checks the file, answers with what would change, and sends the changed screens. Nothing changes yet.
    4. Write /publish to make the change visible to everyone, or /discard to drop it.
    /versions shows the latest versions, /rollback brings back the previous one (/rollback 3 brings back version 3).
    Only administrators of this group can change the content.

publish-not-admin = Only administrators of this group can change the content. Ask an administrator to send the file or the command.
publish-download-failed = The file could not be fetched from Telegram. Try again in a moment.

publish-refused-too-large = ✗ The file is too large (at most { $limit } MB). Send only the files you changed.
publish-refused-file-too-large = ✗ { $name } is too large (at most { $limit } MB per file).
publish-refused-not-zip = ✗ The zip file cannot be opened. Zip the files again and send it once more.
publish-refused-too-many = ✗ The zip file has { $count } files; at most { $limit } are allowed. Send only the files you changed.
publish-refused-unknown-place = ✗ { $name } does not belong in the content. Use the same folders and file names as in the zip file from /content.
publish-refused-unknown-type = ✗ { $name }: the bot takes only .md, .yaml, .ftl and .ogg files, or a zip file of them.
publish-refused-unknown-language = ✗ There is no language { $language }. Write one of these in the caption: { $languages }.
publish-refused-which-language = ✗ The bot cannot tell which language { $name } is in. Send it again with the language in the caption, for example fa-AF.
publish-refused-link = ✗ { $name } is a link, not a file. Zip the real files.
publish-refused-encrypted = ✗ { $name } is protected by a password. Zip the files without one.
publish-refused-bomb = ✗ { $name } unpacks to far more than its size. The bot will not open it.
publish-refused-twice = ✗ { $name } is in the zip file twice.
publish-refused-not-text = ✗ { $name } is not saved as plain text (UTF-8). Save it as plain text and send it again.
publish-refused-empty = ✗ The zip file holds no files of the content.

publish-broken =
    ✗ The change cannot be used. Nothing was changed. Fix { $count ->
        [one] this mistake
       *[other] these { $count } mistakes
    } and send the file again:
publish-nothing-changed = The file is the same as what is already shown. Nothing to publish.
publish-staged = ✓ Checked. This changes when you write /publish (files: { $files }):
publish-staged-next = Write /publish to make the change visible to everyone, or /discard to drop it.
publish-warnings = { $count } things to look at (the change can still be published):
    { $warnings }

publish-change-sections = { $language }: sections changed: { $names }
publish-new-sections = { $language }: new sections: { $names }
publish-removed-sections = { $language }: sections removed: { $names }
publish-change-strings = { $language }: { $count ->
        [one] one button or short text changes
       *[other] { $count } buttons and short texts change
    }, for example { $examples }
publish-change-audio = { $language }: new or changed recording: { $names }
publish-change-organisations = Organisations changed: { $names }
publish-new-organisations = New organisations: { $names }
publish-removed-organisations = Organisations removed: { $names }
publish-change-sheet-details = Details of sections (dates, sources, buttons, reviews): { $names }
publish-change-deadline = The rule of "When is my deadline?" changes.
publish-change-relay = "Write to staff here" changes (organisations, answering hours or prepared answers).
publish-change-glossary = The glossary changes.
publish-change-other = Other files: { $files }
publish-stale = The review of the { $language } translation of "{ $section }" no longer holds: the Swedish text changed. Update the translation and ask for a new review.
publish-swedish-changed = The Swedish text of "{ $section }" changes, but not the translations into { $languages }. Make sure they are updated.

publish-preview-caption = { $count ->
        [one] The changed screen
       *[other] The { $count } changed screens
    }, as they will look. Open the file in a web browser.
publish-preview-title = Nästa steg: changed screens
publish-preview-before = Before

publish-nothing-staged = No change is waiting. Send a file first (see /content).
publish-discarded = The change was dropped. Nothing was changed.
publish-done = ✓ Published as version { $number }. The bot shows the new content now. Undo with /rollback.
publish-anonymous = an administrator
publish-commit-message = Content published from Telegram (version { $number }, { $editor })

publish-versions-title = The latest versions (newest first):
publish-version-start = #{ $number } · { $when } · the content before the first publish from Telegram
publish-version-server = #{ $number } · { $when } · changed directly on the server: { $files }
publish-version-publish = #{ $number } · { $when } · { $editor }: { $files }
publish-version-rollback = #{ $number } · { $when } · { $editor }: back to version { $restored }
publish-versions-hint = /rollback N brings back version N; /rollback without a number brings back the previous one.
publish-versions-none = Nothing has been published from Telegram yet.
publish-rollback-unknown = There is no version { $number }. See /versions.
publish-rollback-same = Version { $number } is already what is shown.
publish-rollback-done = ✓ Version { $restored } is back (saved as version { $number }). The bot shows it now.
