# Nästa steg: svar på skrivna ord. Boten letar efter personalens nyckelord
# (content/keywords.yaml); den skriver aldrig egna svar.

# Krisord: visas före allt annat, med "Prata med någon".
typed-crisis =
    <b>Du är inte ensam. Det finns hjälp just nu.</b>

    Ring <b>112</b> om du är i fara. Mår du mycket dåligt, oavsett ålder: ring <b>90101</b>, dygnet runt. Är du under 18 kan du också ringa BRIS på <b>116 111</b>, dygnet runt.
typed-crisis-talk = Du kan också prata med någon:
# Hjälpord ("hjälp!"): nödnumren ovanför menyn eller ämnena som hittades.
typed-help =
    <b>Hjälp nu</b>
    Ring <b>112</b> om du är i fara. Mår du mycket dåligt, oavsett ålder: ring <b>90101</b>, dygnet runt. Är du under 18 kan du också ringa BRIS på <b>116 111</b>, dygnet runt.
typed-found = Det här kan hjälpa dig:
typed-none = Det hittade jag inte. Välj ett ämne, eller prata med någon.
# En knapp till listan med stödorganisationer.
typed-support = Stöd och råd
