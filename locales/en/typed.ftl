# Nästa steg: answers to typed words. The bot looks for the staff's keywords
# (content/keywords.yaml); it never writes answers of its own.

# Crisis words: shown before anything else, with "Talk to someone".
typed-crisis =
    <b>You are not alone. There is help right now.</b>

    In danger, call <b>112</b>. If you feel very bad, at any age: call <b>90101</b>, day and night. If you are under 18, you can also call BRIS on <b>116 111</b>, day and night.
# Under the crisis text, above the buttons Talk to someone and Emergency.
typed-crisis-talk = You can also talk to someone:
# Help words ("help!"): the emergency numbers above the menu or the topics found.
typed-help =
    <b>Help now</b>
    In danger, call <b>112</b>. If you feel very bad, at any age: call <b>90101</b>, day and night. If you are under 18, you can also call BRIS on <b>116 111</b>, day and night.
typed-found = This may help you:
typed-none = I did not find that. Choose a topic, or talk to someone.
# A button to the list of support organisations.
typed-support = Support and advice
