# g1000 — Nederlandse catalogus. Houd dezelfde sleutels als en.ftl (een test controleert dat).

skip-to-content = Naar de inhoud
footer-text = g1000 — opensourcesoftware voor G1000-burgertoppen (EUPL-1.2).
nav-account = Account
nav-my-summits = Mijn burgertoppen
nav-login = Inloggen
nav-logout = Uitloggen
nav-language = Taal
nav-manage = Burgertop inrichten
nav-dashboard = Overzicht
nav-details = Gegevens
nav-groups = Geledingen
nav-programme = Programma
nav-team = Team
nav-runsheet = Draaiboek
nav-public-page = Openbare pagina

save = Opslaan
saved = Uw wijzigingen zijn opgeslagen.
live-updated = Zojuist bijgewerkt.
cancel = Annuleren
edit = Wijzigen
delete = Verwijderen
actions = Acties
move-up = Omhoog
move-down = Omlaag

home-title = G1000: een burgertop voor de hele gemeenschap
home-lead = Een G1000 brengt zo'n duizend leden van een gemeenschap één dag samen in dialoog: ingelote burgers, werkgevers, overheid en vrijdenkers. Samen kiezen ze hun eigen agenda, werken die uit tot voorstellen, kiezen daar transparant uit en gaan zelf aan de slag.
home-upcoming = Burgertoppen
home-none = Er is nog geen burgertop gepubliceerd.
home-organise = Een G1000 organiseren
home-organise-text = Burgers nemen het initiatief. Met g1000 richt het organiserende team de burgertop in, houdt een controleerbare loting, en ondersteunt de dag en het vervolg.
home-setup = g1000 instellen

setup-title = g1000 instellen
setup-lead = Er is nog geen organisator. Maak het eerste organisatoraccount aan; daarmee kunt u burgertoppen aanmaken en de rest van het team uitnodigen.
setup-submit = Organisatoraccount aanmaken

login-title = Inloggen
login-submit = Inloggen
login-failed = Het e-mailadres of wachtwoord klopt niet.
login-too-many = Te veel pogingen. Wacht 15 minuten en probeer het opnieuw.
login-first-run = g1000 is nog niet ingesteld.

account-title = Mijn burgertoppen
account-hello = Welkom, { $name }.
account-none = U hebt nog geen rol in een burgertop.
account-your-roles = Uw rollen

status-published = Gepubliceerd
status-draft = Concept

summit-new = Nieuwe burgertop
summit-new-lead = Begin met de basis; u kunt alles later nog wijzigen.
summit-create = Burgertop aanmaken
summit-edit = Gegevens wijzigen

field-your-name = Uw naam
field-name = Naam
field-email = E-mailadres
field-password = Wachtwoord
field-password-confirm = Herhaal het wachtwoord
field-role = Rol
field-summit-name = Naam van de burgertop
field-community = Gemeenschap (gemeente)
field-date = Datum
field-start-time = Begintijd
field-venue = Locatie
field-capacity = Capaciteit van de zaal (plaatsen)
field-languages = Talen
field-description = Beschrijving voor de openbare pagina
field-group-name = Naam van de geleding
field-group-kind = Deel van het hele systeem
field-seat-target = Plaatsen
field-join-method = Hoe mensen meedoen
field-open-cap = Maximum aantal aanmeldingen (alleen bij open aanmelding)
field-round-kind = Soort ronde
field-question = Vraag
field-duration = Duur (minuten)
field-table-size = Mensen per tafel

hint-password = Minstens 10 tekens. Een paar ongewone woorden achter elkaar werkt goed.
hint-summit-name = Bijvoorbeeld "G1000 Amersfoort".
hint-community = De gemeente of gemeenschap waarvoor de burgertop is.
hint-venue = Gebouw en adres.
hint-capacity = Hoeveel mensen de zaal kan hebben, tafelgastheren en -vrouwen meegeteld.
hint-languages = De talen die op de dag gesproken of getolkt worden.
hint-description = Optioneel. Waarom deze burgertop, wie organiseert, hoe u er komt.
hint-group-name = Bijvoorbeeld "Ingelote burgers".
hint-seat-target = Hoeveel plaatsen deze geleding in de zaal krijgt.
hint-open-cap = Hoeveel mensen zich kunnen aanmelden voordat de wachtlijst begint. Minstens het aantal plaatsen.
hint-round-kind = Wat er in deze ronde gebeurt.
hint-question = De vraag waarover de tafels praten. Optioneel bij welkom en afsluiting.
hint-table-size = 0 voor plenaire rondes; ongeveer 10 voor dialoog aan tafels.
hint-team-email = Heeft deze persoon nog geen account, dan wordt er een aangemaakt met een eenmalig wachtwoord.

error-summary-title = Verbeter het volgende
error-required = Vul dit in.
error-too-long = Gebruik hoogstens { $max } tekens.
error-whole-number = Vul een heel getal in.
error-range = Vul een getal in van { $min } tot en met { $max }.
error-date = Vul een datum in als jaar-maand-dag, bijvoorbeeld 2026-03-14.
error-time = Vul een tijd in als uren:minuten, bijvoorbeeld 09:30.
error-languages = Kies minstens één taal.
error-choice = Kies een van de mogelijkheden.
error-email = Vul een e-mailadres in zoals naam@voorbeeld.nl.
error-password-short = Gebruik minstens { $min } tekens.
error-password-mismatch = De twee wachtwoorden zijn niet gelijk.
error-cap-below-target = Het maximum moet minstens het aantal plaatsen zijn.
error-table-size = Rondes aan tafels hebben minstens 2 mensen per tafel nodig.

dash-checklist = Inrichting
dash-ready = Alles is ingericht.
check-done = Klaar
check-todo = Te doen
check-whole-system = Het hele systeem is er: burgers, werkgevers, overheid en vrijdenkers
check-lottery-group = Minstens één geleding wordt ingeloot
check-seats-fit = De plaatsen passen in de zaal: { $seats } van { $capacity }
check-programme = Het programma heeft rondes
check-facilitator = Er is een gespreksleider in het team
check-published = De openbare pagina is gepubliceerd
dash-seats = Plaatsen per geleding
dash-seats-summary = { $seats } van { $capacity } plaatsen toegewezen aan geledingen.
dash-seat-chart = Plaatsen per geleding
dash-seat-chart-caption = De lengte van de balk is het aandeel van de geleding in de zaal.
dash-add-groups = Voeg de geledingen toe
dash-add-rounds = Voeg de rondes van het programma toe
dash-rounds = { $count ->
    [one] 1 ronde
   *[other] { $count } rondes
}
duration-hm = { $hours } u { $minutes } min
dash-publication = Publicatie
dash-draft-text = Alleen het team kan de openbare pagina zien.
dash-publish = Openbare pagina publiceren
dash-unpublish = Openbare pagina offline halen

groups-title = Geledingen
groups-lead = Een G1000 brengt het hele systeem in de zaal. Geef elke geleding haar plaatsen en de manier waarop mensen meedoen.
groups-none = Nog geen geledingen. Begin met de ingelote burgers.
groups-add = Geleding toevoegen
groups-edit = Geleding wijzigen
groups-cap = maximaal { $cap }
group-kind-citizens = Burgers
group-kind-employers = Werkgevers
group-kind-government = Overheid
group-kind-free_thinkers = Vrijdenkers
group-kind-other = Anders
join-lottery = Loting
join-invitation = Persoonlijke uitnodiging
join-open = Open aanmelding met een maximum

programme-title = Programma
programme-lead = De rondes van de dag, op volgorde. Begin- en eindtijden volgen uit de begintijd en de duur.
programme-none = Nog geen rondes.
programme-add = Ronde toevoegen
programme-edit = Ronde wijzigen
round-n = ronde { $n }
minutes = { $count ->
    [one] 1 minuut
   *[other] { $count } minuten
}
table-size = { $count ->
    [one] 1 persoon per tafel
   *[other] { $count } per tafel
}
round-kind-welcome = Welkom
round-kind-dialogue = Dialoog
round-kind-agenda = Eigen agenda
round-kind-proposals = Voorstellen
round-kind-vote = Stemmen
round-kind-statements = Stellingen
round-kind-commitment = Aan de slag
round-kind-closing = Afsluiting

team-title = Team
team-lead = Organisatoren richten de burgertop in; gespreksleiders leiden de dag; tafelgastheren en -vrouwen begeleiden een tafel. Rollen gelden alleen voor deze burgertop.
team-members = Teamleden
team-add = Aan het team toevoegen
team-added = { $name } is toegevoegd.
team-already = Deze persoon heeft deze rol al.
team-created = Er is een account aangemaakt voor { $email }. Het eenmalige wachtwoord ziet u alleen nu:
team-created-hint = Geef het persoonlijk of telefonisch door; er kan meteen mee worden ingelogd.
team-remove = Verwijderen
team-you = u
team-last-organiser = De laatste organisator van een burgertop kan niet worden verwijderd.
team-manage = Team beheren
role-organiser = Organisator
role-facilitator = Gespreksleider
role-table_host = Tafelgastheer/-vrouw
role-participant = Deelnemer

runsheet-title = Draaiboek
runsheet-lead = Het programma van de dag met tijden, vragen en het aantal tafels bij een volle zaal.
runsheet-time = Tijd
runsheet-tables = Tafels

public-preview = Voorvertoning: deze pagina is nog niet openbaar.
public-lead = Een dag van dialoog voor en door { $community }.
public-seats = Plaatsen
public-about = Over deze burgertop
public-what = Wat is een G1000?
public-what-text = Een G1000 is een fysieke bijeenkomst van leden van een gemeenschap die via dialoog zoeken naar wat zij samen belangrijk vinden. Iedereen doet mee als gelijke. De deelnemers kiezen zelf de onderwerpen, werken ze uit, kiezen uit de voorstellen en gaan daarna samen aan de slag met de uitkomsten.
public-pillars = De zeven pijlers
pillar-citizens = Burgers
pillar-citizens-text = burgers nemen het initiatief en leiden de organisatie.
pillar-lottery = Loting
pillar-lottery-text = ieder lid van de gemeenschap heeft een gelijke kans om mee te doen.
pillar-dialogue = Dialoog
pillar-dialogue-text = ruimte voor wat ons bindt; alle inzichten worden gedeeld en samen gewaardeerd.
pillar-whole-system = Hele systeem
pillar-whole-system-text = burgers, werkgevers, overheid en vrijdenkers doen allemaal mee en zijn samen eigenaar van het resultaat.
pillar-own-agenda = Eigen agenda
pillar-own-agenda-text = de dag gaat over wat de deelnemers zelf belangrijk vinden.
pillar-transparent = Transparante keuzes
pillar-transparent-text = de deelnemers zijn eigenaar van het resultaat en van hoe het tot stand komt.
pillar-safe = Veilig
pillar-safe-text = deskundige gespreksleiding en een zorgvuldig programma houden voor iedereen ruimte voor open dialoog.
public-who = Wie doen er mee
public-who-none = De geledingen worden binnenkort bekendgemaakt.
public-group-seats = { $count ->
    [one] 1 plaats
   *[other] { $count } plaatsen
}
public-how = Zo doet u mee:
join-how-lottery = via loting. Willekeurig gekozen inwoners krijgen een uitnodiging met een persoonlijke code; zelf aanmelden kan niet, zodat iedereen dezelfde kans heeft.
join-how-invitation = via een persoonlijke uitnodiging van de organisatoren.
join-how-open = via open aanmelding, zolang er plaats is; daarna is er een wachtlijst.
group-blurb-citizens = Inwoners, ingeloot uit de basisregistratie personen.
group-blurb-employers = Ondernemers en werkgevers uit de gemeenschap.
group-blurb-government = Raadsleden, ambtenaren en andere overheden.
group-blurb-free_thinkers = Mensen met een frisse blik: kunstenaars, wetenschappers, activisten en meer.
public-day = De dag
public-day-none = Het programma wordt binnenkort bekendgemaakt.

language-nl = Nederlands
language-en = Engels
language-fr = Frans
language-de = Duits
language-ar = Arabisch
language-tr = Turks
language-pl = Pools
language-uk = Oekraïens
language-ngt = Nederlandse Gebarentaal (NGT)
language-vgt = Vlaamse Gebarentaal (VGT)

month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

audit-title = Logboek
audit-lead = Elke beslissing die deze burgertop vormt, staat hier op volgorde. Elke regel draagt de vingerafdruk (SHA-256) van de regel ervoor, zodat niemand achteraf een regel kan wijzigen, weghalen of tussenvoegen zonder dat het opvalt.
audit-verified = De keten is intact.
audit-broken = De keten is verbroken:
audit-count = { $count ->
    [one] 1 regel
   *[other] { $count } regels
}
audit-head = laatste vingerafdruk
audit-download = Logboek downloaden (JSON)
audit-verify-hint = en zelf controleren met
audit-when = Wanneer
audit-who = Wie
audit-what = Wat
audit-detail = Details
audit-hash = Vingerafdruk
nav-audit = Logboek
public-transparency = Open en controleerbaar
public-transparency-text = Elke beslissing over deze burgertop staat in een openbaar logboek dat iedereen kan controleren.

nav-attributes = Kenmerken
attributes-title = Kenmerken voor quota
attributes-lead = Wat mensen bij aanmelding over zichzelf opgeven, in klassen (nooit exacte waarden): bijvoorbeeld leeftijdsklasse, gender, wijk, opleiding. De loting gebruikt ze voor quota, de tafelindeling voor gemengde tafels. Geef per klasse het aandeel in de gemeenschap als u dat weet, dan kan g1000 quota voorstellen.
attributes-none = Nog geen kenmerken.
attributes-add = Kenmerk toevoegen
attributes-edit = Kenmerk wijzigen
attributes-band = Klasse
attributes-share = Aandeel in de gemeenschap
field-attribute-name = Naam van het kenmerk
hint-attribute-name = Bijvoorbeeld "Leeftijd" of "Wijk".
field-bands = Klassen
hint-bands = Eén klasse per regel. Zet het aandeel in de gemeenschap na een puntkomma als u het weet, bijvoorbeeld "16–34 jaar; 28".
error-attribute-exists = Er is al een kenmerk met deze naam.
error-band-label = Regel { $line }: geef de klasse een naam van hoogstens 80 tekens.
error-band-duplicate = Regel { $line }: deze klasse staat er twee keer.
error-band-share = Regel { $line }: geef na de puntkomma een aandeel van 0 tot en met 100.
error-bands-few = Geef minstens twee klassen, één per regel.
error-too-many = Gebruik er hoogstens { $max }.
error-bands-some-shares = Geef een aandeel voor elke klasse, of voor geen enkele.
error-bands-sum = De aandelen tellen op tot { $sum } %; dat moet 100 % zijn.

# Aanmelden (deelnemers)
register-title = Aanmelden met uw uitnodigingscode
register-code-lead = In uw uitnodigingsbrief staat een persoonlijke code van 14 letters en cijfers. Typ die hier, of scan de QR-code in de brief met de camera van uw telefoon.
field-code = Uitnodigingscode
hint-code = Bijvoorbeeld K7QM-4XRT-9PWD-HX. Hoofdletters, kleine letters en streepjes mogen allemaal.
register-code-submit = Verder
register-code-no-letter = Geen brief gekregen? Dan bent u deze keer niet ingeloot. Sommige groepen kunnen zich zonder code aanmelden; zie hieronder.
register-open-title = Aanmelden zonder code
register-open-link = Aanmelden voor { $group }
code-error-length = Een code heeft { $expected } letters en cijfers; u typte er { $found }.
code-error-character = "{ $char }" komt niet voor in codes. Codes hebben geen 0, 1, I, L of O: kijk of u een teken verwisseld hebt.
code-error-typo = Er zit een typefout in deze code. Vergelijk elk teken met uw brief.
code-error-wrong = Deze code is niet geldig. Vergelijk hem met uw brief; lukt het dan nog niet, neem dan contact op met de organisatie.
code-error-used = Met deze code is al iemand aangemeld. Was u dat niet, neem dan contact op met de organisatie.
code-error-wait = Vanaf uw internetverbinding zijn te veel verkeerde codes gestuurd. Wacht { $wait } en probeer het dan opnieuw.
wait-seconds = { $count ->
    [one] 1 seconde
   *[other] { $count } seconden
}
wait-minutes = { $count ->
    [one] 1 minuut
   *[other] { $count } minuten
}
register-form-title = Uw aanmelding
register-form-lead = Aanmelden voor { $summit }:
register-code-accepted = Uw code is goedgekeurd:
register-full = Alle plaatsen zijn bezet. Als u zich nu aanmeldt, komt u op de wachtlijst; we laten het u weten als er een plaats vrijkomt.
register-you = Over u
field-phone = Telefoonnummer
hint-contact = Geef een e-mailadres, een telefoonnummer of allebei, zodat we u kunnen bereiken.
register-bands = Voor een zaal die lijkt op de gemeenschap
register-bands-lead = De loting gebruikt deze antwoorden, zodat elk deel van de gemeenschap in de zaal zit. U kiest een groep, nooit een precieze waarde.
register-attend = Kunt u komen?
field-attend = Kunt u meedoen op { $date }?
attend-yes = Ja, ik kan komen
attend-no = Nee, ik kan die dag niet
register-needs = Wat u nodig hebt om mee te doen (niet verplicht)
register-needs-lead = Vertel ons wat u helpt om mee te doen, dan regelen we het. Alleen de mensen die het regelen zien dit, en het wordt kort na de dag verwijderd.
field-access = Toegankelijkheid
need-wheelchair = Rolstoeltoegankelijk
need-hearing-loop = Ringleiding
need-sign-language = Tolk Nederlandse Gebarentaal (NGT)
field-interpreter = Tolk voor een andere taal
interpreter-none = Geen tolk nodig
field-diet = Eten
diet-vegetarian = Vegetarisch
diet-vegan = Veganistisch
diet-halal = Halal
diet-kosher = Koosjer
diet-gluten_free = Glutenvrij
diet-lactose_free = Lactosevrij
diet-nut_allergy = Notenallergie
field-diet-other = Andere wensen voor eten
field-needs-consent = Ik ga ermee akkoord dat wat ik hierboven nodig heb, wordt gebruikt om mijn plaats en de zaal te regelen.
hint-needs-consent = Alleen nodig als u bij "Wat u nodig hebt om mee te doen" iets hebt aangevinkt of ingevuld. Dit kan iets zeggen over uw gezondheid of geloof; daarom vragen we het apart.
register-privacy = Uw gegevens
privacy-point-use = We gebruiken uw gegevens alleen voor deze burgertop: om u uit te nodigen, voor de loting en om de dag te regelen.
privacy-point-keep = Uw naam en contactgegevens verwijderen we na de burgertop; wat u nodig hebt om mee te doen binnen een week na de dag.
privacy-point-rights = U kunt uw gegevens altijd inzien, verbeteren of laten verwijderen.
privacy-read = Lees de hele privacyverklaring
field-consent = Ik heb gelezen hoe mijn gegevens worden gebruikt en ik ga akkoord.
register-submit = Aanmelden
register-submit-waiting = Aanmelden voor de wachtlijst
error-contact = Geef een e-mailadres of een telefoonnummer (of allebei).
error-phone = Vul een telefoonnummer in zoals 06 12345678 of +31 6 12345678.
error-choose-band = Kies een van de mogelijkheden.
error-attend = Kies of u kunt komen.
error-needs-consent = Vink dit vakje aan, of laat wat u nodig hebt hierboven leeg.
error-consent = Vink dit vakje aan om u aan te melden.
registered-title = U bent aangemeld
registered-pool = Dank u wel! Uw aanmelding is binnen. U doet mee aan de loting voor de plaatsen.
registered-waiting = Dank u wel! Alle plaatsen zijn bezet, dus u staat op de wachtlijst. We laten het u weten als er een plaats vrijkomt.
registered-unavailable = Dank u wel voor het laten weten dat u niet kunt komen. Uw code is nu gebruikt.
registered-generic = Dank u wel! Uw aanmelding is binnen.
registered-number = Uw aanmeldnummer:
registered-number-hint = Bewaar dit nummer. Na de loting worden de nummers van wie is ingeloot gepubliceerd; uw naam nooit.
registered-next = Hoe gaat het verder?
registered-next-text = Als de aanmelding sluit, worden de deelnemers in het openbaar geloot. Daarna laten we u weten of u bent ingeloot, en vragen we u dat te bevestigen.
registered-back = Terug naar de pagina van de burgertop
privacy-title = Privacyverklaring
privacy-lead = Hoe { $summit } omgaat met de gegevens van mensen die zich aanmelden.
privacy-who = Wie is verantwoordelijk?
privacy-who-text = De organisatoren van deze burgertop in { $community } zijn verantwoordelijk voor uw gegevens. De gemeente heeft de adressen voor de uitnodigingsbrieven geloot; zij heeft geen namen of adressen aan ons doorgegeven.
privacy-what = Wat we bewaren
privacy-what-code = Uw uitnodigingscode alleen als vingerafdruk (een hash), nooit de code zelf.
privacy-what-contact = Uw naam, e-mailadres en/of telefoonnummer: om u te bereiken over de burgertop.
privacy-what-bands = De groepen die u koos (bijvoorbeeld een leeftijdsgroep), nooit precieze waarden: voor een loting waarbij de zaal lijkt op de gemeenschap.
privacy-what-needs = Wat u nodig hebt om mee te doen, alleen als u dat opgeeft en er apart mee instemt: om uw plaats te regelen.
privacy-why = Waarom
privacy-why-text = We gebruiken uw gegevens alleen voor deze burgertop: de loting, de berichten daarover en het regelen van de dag. We verkopen ze niet, delen ze niet en gebruiken ze nergens anders voor. De grondslag is uw toestemming.
privacy-keep = Hoe lang
privacy-keep-text = Wordt u niet ingeloot, dan verwijderen we uw naam en contactgegevens na de laatste loting. Doet u mee, dan drie maanden na de burgertop. Wat u nodig hebt om mee te doen, verwijderen we binnen een week na de dag. Wat blijft zijn aantallen en een aanmeldnummer zonder uw naam.
privacy-public = Wat er openbaar wordt
privacy-public-text = De loting is openbaar en controleerbaar, maar zonder namen: alleen aanmeldnummers en aantallen per groep worden gepubliceerd.
privacy-rights = Uw rechten
privacy-rights-text = U mag uw gegevens inzien, verbeteren of laten verwijderen, en uw toestemming altijd intrekken, net zo makkelijk als u die gaf. Neem daarvoor contact op met de organisatie. U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.
privacy-version = Versie { $version }

# Aanmelden (organisatoren)
nav-invitations = Uitnodigingen
nav-registrations = Aanmeldingen
invitations-title = Uitnodigingen
invitations-lead = Hoe mensen zich kunnen aanmelden: met de codes uit de brieven die de gemeente stuurde (loting), met persoonlijke links voor uitgenodigde groepen, en met open formulieren.
batches-title = Codes op het platform
batches-none = Nog geen codes.
batches-kind = Bron
batches-codes = Codes
batches-used = Gebruikt
batches-file = Bestand (SHA-256)
batch-kind-letters = Brieven (codes.txt)
batch-kind-links = Persoonlijke links
field-group = Geleding
import-title = De codes van een loting inlezen
import-lead = Upload het bestand codes.txt dat "g1000 invite draw" bij de gemeente maakte. Het bevat alleen vingerafdrukken van de codes, geen namen of adressen. Hetzelfde bestand nog eens inlezen verandert niets.
import-no-group = Voeg eerst een geleding toe die via loting meedoet.
field-codes-file = codes.txt
hint-codes-file = Het bestand uit de map met de uitvoer van de loting.
import-submit = Codes inlezen
import-done = Ingelezen: { $added } nieuwe codes ({ $already } waren er al).
import-error-no-file = Kies het bestand codes.txt.
import-error-not-text = Dit is geen tekstbestand. Kies het bestand codes.txt van de loting.
import-error-empty = Dit bestand bevat geen codes.
import-error-parse = Dit is geen geldig codes.txt: { $problem }.
import-error-other-group = Deze codes zijn al ingelezen bij een andere geleding.
links-title = Persoonlijke uitnodigingslinks
links-lead = Voor geledingen die via een persoonlijke uitnodiging meedoen (bijvoorbeeld overheid en maatschappelijke organisaties): maak een link per genodigde en verstuur die zelf. Elke link werkt één keer.
links-no-group = Geen geleding doet mee via een persoonlijke uitnodiging.
field-links-count = Aantal links
hint-links-count = Eén per persoon die u uitnodigt, hoogstens 500 tegelijk.
links-submit = Links maken
links-done = { $count ->
    [one] 1 link gemaakt.
   *[other] { $count } links gemaakt.
}
links-new = Nieuwe links
links-new-hint = Kopieer deze links nu: ze worden alleen deze ene keer getoond (het platform bewaart alleen hun vingerafdrukken).
open-forms-title = Open aanmelding
open-forms-lead = Deze geledingen melden zich aan met een open formulier; boven het maximum komen mensen op een wachtlijst.
registrations-title = Aanmeldingen
registrations-total = { $count ->
    [one] 1 aanmelding in totaal.
   *[other] { $count } aanmeldingen in totaal.
}
registrations-per-group = Per geleding
registrations-pool = Aangemeld
registrations-progress = Ten opzichte van de plaatsen
registrations-waiting = Wachtlijst
registrations-unavailable = Kan niet komen
registrations-codes = Codes gebruikt
registrations-per-band = Per kenmerk, in de geledingen met loting
registrations-per-band-lead = { $seats ->
    [one] Aangemelde mensen in de geledingen met loting per groep, ten opzichte van het aandeel van die groep in hun 1 plaats.
   *[other] Aangemelde mensen in de geledingen met loting per groep, ten opzichte van het aandeel van die groep in hun { $seats } plaatsen.
}
registrations-target = Doel
error-group-has-registrations = Voor deze geleding hebben zich al mensen aangemeld, dus die kan niet worden verwijderd.
public-register-code = Aanmelden met uw uitnodigingscode
import-problem-hash = regel { $line } is geen vingerafdruk van een code (64 hexadecimale tekens)
import-problem-salt = regel { $line } bevat geen geldig zout (64 hexadecimale tekens)
import-problem-count = regel { $line } bevat geen geldig aantal
import-problem-no-salt = het bestand heeft geen regel "salt:"
import-problem-mismatch = volgens het bestand bevat het { $count } codes, maar het bevat er { $found }
nav-selection = Loting
selection-title = Loting (tweede fase)
selection-lead = Uit de mensen die zich met een uitnodigingsbrief hebben aangemeld, trekt de lotingsmotor een groep die de gemeenschap weerspiegelt. Stel de quota in, laat de motor rekenen, publiceer de vastlegging en voer dan het lot in dat in het openbaar is getrokken.
selection-no-group = Er is nog geen geleding die via loting deelneemt.
selection-summary = { $eligible ->
    [one] 1 persoon kan worden geloot
   *[other] { $eligible } mensen kunnen worden geloot
} voor { $seats ->
    [one] 1 plaats
   *[other] { $seats } plaatsen
}
selection-quotas = Quota per groep
selection-quotas-lead = Het voorstel is het aandeel van elke groep in de gemeenschap (of, zonder aandelen op de pagina kenmerken, onder de aanmelders) maal het aantal plaatsen, met 10 % speling. Pas minimum en maximum aan waar nodig en sla op.
selection-quotas-locked = De vastlegging is gepubliceerd: de quota en de pool kunnen niet meer veranderen.
selection-everyone-note = Er kunnen niet meer mensen worden geloot dan er plaatsen zijn: iedereen die kan worden geloot, krijgt een plaats en er is geen loting nodig.
selection-no-attributes = Er zijn geen kenmerken, dus geen quota; de loting geeft dan iedereen dezelfde kans.
selection-quota-caption = { $seats ->
    [one] Minimum en maximum aantal plaatsen per groep, van 1 plaats
   *[other] Minimum en maximum aantal plaatsen per groep, van { $seats } plaatsen
}
selection-attribute = Kenmerk
selection-share = Aandeel
selection-share-community = gemeenschap
selection-share-registrants = aanmelders
selection-available = Kan worden geloot
selection-suggested = Voorstel
selection-min = Minimum
selection-max = Maximum
selection-save-quotas = Quota opslaan
selection-save-first = Sla eerst de quota op; dan kan de motor rekenen.
selection-error-min = vul als minimum een heel getal van 0 tot en met { $seats } in
selection-error-max = vul als maximum een heel getal van 0 tot en met { $seats } in
selection-error-min-above-max = het minimum is groter dan het maximum
selection-error-mins = de minima zijn samen { $sum }, meer dan de { $seats } plaatsen
selection-error-maxs = de maxima zijn samen { $sum }, minder dan de { $seats } plaatsen
selection-error-locked = De vastlegging is gepubliceerd, dus pool en quota kunnen niet meer veranderen.
selection-error-no-quotas = Sla eerst de quota op.
selection-error-running = De motor rekent nog; wacht tot hij klaar is.
selection-error-state = Deze stap kan nu niet; de pagina laat zien wat de volgende stap is.
selection-error-nobody = Er kan nog niemand worden geloot: niemand heeft zich aangemeld die kan komen.
selection-error-quotas-outdated = Iemand heeft zich aangemeld met een groep die nog geen quotum heeft. Controleer de quota en sla ze opnieuw op.
selection-error-ticket = Vul het lot in dat in het openbaar is getrokken: een heel getal van 1 tot en met { $tickets }.
selection-run = De lotingsmotor
selection-state = Stand:
selection-state-draft = quota worden ingesteld
selection-state-running = de motor rekent
selection-state-stale = de motor is onderbroken; start hem opnieuw
selection-state-failed = de motor is gestopt
selection-state-ready = klaar om de vastlegging te publiceren
selection-state-everyone = iedereen krijgt een plaats (geen loting)
selection-state-committed = vastlegging gepubliceerd; wacht op de openbare trekking
selection-state-drawn = getrokken
selection-progress = Voortgang
selection-progress-text = { $done } van { $total } mensen hebben hun definitieve kans.
selection-reload = Opnieuw kijken
selection-failed = De motor kon met deze quota geen groep samenstellen:
selection-run-hint = De motor legt de pool (alleen pseudoniemen en groepen) en de quota vast, berekent de eerlijkste kansen (LEXIMIN) en een loterij van { $tickets } loten. Dit gebeurt op de achtergrond; u kunt deze pagina verlaten.
selection-run-everyone-hint = De pool wordt vastgelegd en iedereen erin krijgt een plaats.
selection-run-button = Start de lotingsmotor
selection-run-everyone = Pool vastleggen
selection-report = Eerlijkheidsrapport
selection-everyone-report = { $eligible ->
    [one] 1 persoon kan worden geloot
   *[other] { $eligible } mensen kunnen worden geloot
} voor { $seats ->
    [one] 1 plaats
   *[other] { $seats } plaatsen
}: iedereen krijgt een plaats, er is geen loting.
selection-min-probability = Kleinste kans:
selection-max-probability = grootste kans:
selection-chart-title = De kans van elke persoon om te worden geloot
selection-chart-desc = { $count ->
    [one] Eén staaf voor 1 persoon, van de kleinste kans naar de grootste.
   *[other] Eén staaf per persoon voor { $count } mensen, van de kleinste kans naar de grootste.
}
selection-chart-table = Toon de kansen als tabel
selection-pseudonym = Pseudoniem
selection-probability = Kans
selection-quota-report = Quota tegenover de verwachte en getrokken plaatsen
selection-expected = Verwacht
selection-achieved = Getrokken
selection-commitment = Vastlegging
selection-commitment-lead = Publiceer de vastlegging vóór de openbare trekking: de vingerafdrukken (SHA-256) van de pool, de quota en de loterij, en de versie van de motor. Daarna kan niets meer veranderen.
selection-commit-button = Publiceer de vastlegging
selection-commitment-done = De vastlegging staat op de openbare pagina.
selection-commitment-hash = Vastlegging (SHA-256)
selection-engine = Motor
selection-public-proof = Bekijk het openbare bewijs
selection-draw = Openbare trekking
selection-draw-lead = Trek in het openbaar een lot van 1 tot en met { $tickets } (bijvoorbeeld met drie tienzijdige dobbelstenen, waarbij 000 staat voor { $tickets }) en vul het hier in.
selection-ticket = Getrokken lot
selection-ticket-hint = Een heel getal van 1 tot en met { $tickets }.
selection-draw-button = Lot invoeren
selection-everyone-lead = Iedereen in de vastgelegde pool krijgt een plaats. Bevestig om hen als geloot te markeren.
selection-admit-everyone = Iedereen toelaten
selection-drawn-summary = { $selected ->
    [one] 1 persoon geloot
   *[other] { $selected } mensen geloot
}, { $reserves ->
    [one] 1 reserve
   *[other] { $reserves } reserves
} op volgorde.
selection-panel = Gelote groep (pseudoniemen)
selection-reserves = Reserves, in de volgorde waarin ze worden gevraagd
selection-rank = Plaats
selection-eligible = Wie kan worden geloot
selection-eligible-none = Op dit moment kan niemand worden geloot.
selection-eligible-show = { $count ->
    [one] Toon 1 persoon met de groepen
   *[other] Toon { $count } mensen met hun groepen
}
selection-registration = Aanmeldnummer
public-selection = Loting
public-selection-lead = De deelnemers worden geloot uit { $pool } aanmelders, voor { $seats } plaatsen, met een loting die iedereen kan controleren.
public-selection-everyone = Er hebben zich minder mensen aangemeld ({ $eligible }) dan er plaatsen zijn ({ $seats }): iedereen die zich heeft aangemeld en kan komen, krijgt een plaats; er was geen loting nodig.
public-selection-committed-at = Vastlegging gepubliceerd
public-selection-ticket = In het openbaar getrokken lot:
public-selection-before-draw = Het lot is nog niet getrokken. Deze vingerafdrukken zijn vóór de trekking gepubliceerd, zodat de loting achteraf niet kan worden veranderd.
public-selection-files = Bestanden om te controleren
public-selection-verify = Download de bestanden en controleer ze met het programma g1000:
public-selection-pool-private = Het bestand met de loting-pool (people.csv, met schuilnamen en kenmerken) is niet openbaar: sommige combinaties van kenmerken komen bij minder dan { $min } mensen voor, en die mensen zouden herkenbaar zijn. De organisatoren geven het aan de controleurs die zij aanwijzen; die zien aan de SHA-256 hierboven dat het het vastgelegde bestand is.
# Bevestiging, berichten, de deur en persoonsgegevens
nav-outbox = Berichten
nav-badges = Badges
nav-door = Inchecken
nav-personal-data = Persoonsgegevens
outbox-title = Berichten aan aanmelders
outbox-lead-smtp = Berichten gaan per e-mail weg zodra ze klaarstaan. Sms-berichten blijven klaarstaan: exporteer ze.
outbox-lead-no-smtp = Er is geen mailserver ingesteld, dus berichten blijven klaarstaan. Exporteer ze als CSV voor een mailmerge.
outbox-filter = Berichten tonen per status
outbox-all = Alle berichten
outbox-status-queued = Klaar om te versturen
outbox-status-sending = Wordt verstuurd
outbox-status-sent = Verstuurd
outbox-status-failed = Mislukt
outbox-kind-registration-received = Aanmelding ontvangen
outbox-kind-selected = Geloot
outbox-kind-reserve = Reserve
outbox-kind-not-selected = Niet geloot
outbox-kind-replacement = Uitnodiging als vervanger
outbox-export = Exporteren als CSV
outbox-retry = Mislukte berichten opnieuw proberen
outbox-empty = Er zijn nog geen berichten.
outbox-created = Klaargezet op
outbox-kind = Bericht
outbox-recipient = Ontvanger
outbox-subject = Onderwerp
outbox-status = Status
outbox-purged = (persoonsgegevens verwijderd)
outbox-requeued = { $count ->
    [one] 1 bericht staat opnieuw klaar.
   *[other] { $count } berichten staan opnieuw klaar.
}
msg-footer = Uw persoonlijke pagina (bevestigen, uw gegevens bekijken, downloaden of verwijderen): { $link }
    Deze link is persoonlijk: deel hem niet.
msg-registration-received-subject = We hebben uw aanmelding voor { $summit } ontvangen
msg-registration-received-body = Beste { $name },
    Bedankt voor uw aanmelding voor { $summit } ({ $date }, { $venue }).
    We laten u weten of u bent geloot.
msg-selected-subject = U bent geloot voor { $summit }: wilt u bevestigen?
msg-selected-body = Beste { $name },
    U bent geloot om mee te doen aan { $summit } op { $date } in { $venue }.
    Wilt u zo snel mogelijk laten weten of u komt? Dat kan op uw persoonlijke pagina: { $link }
msg-seat-subject = Uw plaats bij { $summit }: wilt u bevestigen?
msg-seat-body = Beste { $name },
    Dank voor uw aanmelding: er is een plaats voor u bij { $summit } op { $date } in { $venue }.
    Wilt u zo snel mogelijk laten weten of u komt? Dat kan op uw persoonlijke pagina: { $link }
msg-reserve-subject = U staat op de reservelijst voor { $summit }
msg-reserve-body = Beste { $name },
    U bent (nog) niet geloot voor { $summit } ({ $date }), maar u staat op de reservelijst.
    Komt er een plaats vrij, dan nodigen we u uit.
msg-not-selected-subject = De loting voor { $summit }
msg-not-selected-body = Beste { $name },
    Bedankt voor uw aanmelding. Deze keer bent u niet geloot voor { $summit }.
    De uitkomsten van de burgertop worden voor iedereen gepubliceerd.
msg-replacement-subject = Er is een plaats voor u vrijgekomen bij { $summit }: wilt u bevestigen?
msg-replacement-body = Beste { $name },
    Er is een plaats vrijgekomen bij { $summit } op { $date } in { $venue }, en u bent aan de beurt op de reservelijst.
    Wilt u zo snel mogelijk laten weten of u komt? Dat kan op uw persoonlijke pagina: { $link }
msg-waiting-seat-subject = Er is een plaats voor u vrijgekomen bij { $summit }: wilt u bevestigen?
msg-waiting-seat-body = Beste { $name },
    Er is een plaats vrijgekomen bij { $summit } op { $date } in { $venue }, en u bent de volgende op de wachtlijst.
    Wilt u zo snel mogelijk laten weten of u komt? Dat kan op uw persoonlijke pagina: { $link }
badges-title = Badges
badges-lead = { $count ->
    [one] 1 bevestigde deelnemer. Elke badge toont de naam, de geleding in haar kleur en een QR-code om in te checken.
   *[other] { $count } bevestigde deelnemers. Elke badge toont de naam, de geleding in haar kleur en een QR-code om in te checken.
}
badges-all-pdf = Alle badges (pdf, A4)
badges-list = Bevestigde deelnemers
badges-code = Incheckcode
badges-checked-in = Ingecheckt
badges-one-pdf = Badge (pdf)
door-title = Inchecken bij de deur
door-done = Welkom, { $name }!
door-already = { $name } is al ingecheckt.
door-already-at = Ingecheckt op { $at }.
door-unknown = Onbekende code.
door-unknown-hint = Geen badge van deze burgertop heeft deze code. Controleer de code, of verwijs de persoon naar de informatiebalie.
door-not-confirmed = Deze badge is niet geldig.
door-not-confirmed-status = Bij de aanmelding van deze persoon staat nu: { $status }.
door-preview = Badge van { $name }:
door-code = Code op de badge
door-code-hint = De code onder de naam, bijvoorbeeld ABCD-EFGH-JKLM-N. Hoofdletters en streepjes maken niet uit.
door-check-in = Inchecken
door-scan = Scannen met de camera
door-scan-hint = Houd de QR-code van de badge voor de camera. De persoon wordt meteen ingecheckt.
door-scan-start = Camera starten
door-scan-stop = Camera stoppen
door-scan-error = De camera kon niet starten. Typ de code in.
door-attendance = Aanwezigheid per geleding
door-attendance-total = { $in } van de { $expected } bevestigde deelnemers zijn binnen.
door-checked-in = Ingecheckt
door-expected = Bevestigd
door-error-empty = Vul de code van de badge in.
door-error-format = Dit is geen badgecode. Controleer op typefouten.
reg-status-pool = aangemeld
reg-status-waiting = op de wachtlijst
reg-status-unavailable = kan niet komen
reg-status-selected = geloot, nog niet bevestigd
reg-status-reserve = reserve
reg-status-not_selected = niet geloot
reg-status-declined = afgemeld
reg-status-confirmed = bevestigd
reg-status-checked_in = ingecheckt
reg-status-withdrawn = teruggetrokken
personal-title = Uw aanmelding
personal-status-pool = U bent aangemeld. Na de loting hoort u van ons.
personal-status-waiting = U staat op de wachtlijst.
personal-status-unavailable = U hebt zich aangemeld, maar u kunt niet komen.
personal-status-selected = U bent geloot! Wilt u hieronder laten weten of u komt?
personal-status-reserve = U staat op de reservelijst. Komt er een plaats vrij, dan nodigen we u uit.
personal-status-not-selected = U bent deze keer niet geloot.
personal-status-declined = U hebt zich afgemeld. Bedankt dat u het liet weten.
personal-status-confirmed = U hebt bevestigd. Tot ziens op de burgertop!
personal-status-checked-in = U bent ingecheckt. Welkom!
personal-status-no-show = U hebt niet vóór de uiterste datum bevestigd. Uw plaats is daarom naar iemand op de reservelijst gegaan. Bedankt voor uw belangstelling.
personal-status-withdrawn = U hebt uw aanmelding ingetrokken.
personal-answered-confirmed = Bedankt: uw plaats is bevestigd.
personal-answered-declined = Bedankt: u hebt zich afgemeld. Uw plaats gaat naar iemand op de reservelijst.
personal-answered-not-open = Uw antwoord kon niet worden opgeslagen: uw aanmelding wacht niet (meer) op een antwoord.
personal-answer-choose = Kies komen of niet komen.
personal-answer-title = Komt u?
personal-answer-when = De burgertop is op { $date } in
personal-confirm = Ja, ik kom
personal-decline = Nee, ik kan niet komen
personal-data-title = Uw gegevens
personal-data-text = U kunt alles wat we over u bewaren downloaden, of verwijderen. Uw stembiljetten zijn nooit aan u gekoppeld en zitten er dus niet bij.
personal-data-about = Alles wat het platform van deze burgertop over uw aanmelding bewaart. Stembiljetten zitten er niet bij: die zijn nooit aan een persoon gekoppeld.
personal-download = Uw gegevens downloaden (JSON)
personal-delete = Uw gegevens verwijderen
personal-delete-title = Uw gegevens verwijderen?
personal-delete-what = Uw naam, contactgegevens, toegankelijkheidswensen, badge en de berichten die we u stuurden worden verwijderd. Dit kan niet ongedaan worden gemaakt, en deze link werkt daarna niet meer.
personal-delete-kept = Wat blijft: uw aanmeldnummer met de kenmerken die u opgaf (zonder uw naam), en de vermelding in het logboek dat deze aanmelding bestond. Stellingen die u maakte blijven staan als anonieme tekst.
personal-delete-seat = U hebt een plaats: uw gegevens verwijderen telt als afmelden, en uw plaats gaat naar iemand op de reservelijst.
personal-delete-yes = Ja, verwijder mijn gegevens
personal-delete-confirm-missing = Bevestig met de knop dat u uw gegevens wilt verwijderen.
personal-deleted-title = Uw gegevens zijn verwijderd
personal-deleted-text = Uw naam, contactgegevens, toegankelijkheidswensen en berichten zijn verwijderd.
personal-deleted-kept = Uw aanmeldnummer en de kenmerken die u opgaf blijven, zonder uw naam, samen met het logboek.
personal-invalid-title = Deze link werkt niet
personal-invalid-text = Deze persoonlijke link is onbekend, of de gegevens erachter zijn verwijderd. Controleer of u de hele link uit uw bericht hebt gekopieerd, of neem contact op met de organisatie.
retention-title = Persoonsgegevens
retention-lead = Na de bewaardatum verwijdert de opdracht "g1000 purge" de persoonsgegevens van deze burgertop.
retention-purged = De persoonsgegevens van deze burgertop zijn verwijderd op { $at }.
retention-date = Bewaardatum
retention-date-hint = Jaar-maand-dag, op of na de datum van de burgertop ({ $date }). Bijvoorbeeld drie maanden na de burgertop.
retention-what-title = Wat wordt verwijderd, en wat blijft
retention-what = Verwijderd: namen, e-mailadressen en telefoonnummers, toegankelijkheidswensen, persoonlijke links, badges, en de adressen en teksten van berichten.
retention-kept = Blijft: de pseudonieme aanmeldnummers met hun kenmerken en status, alle aantallen, en het logboek (daarin staan geen namen).
retention-command = De beheerder voert dit uit (bijvoorbeeld dagelijks) met:
retention-saved = De bewaardatum is opgeslagen.
retention-error-empty = Vul een bewaardatum in.
retention-error-before = De bewaardatum kan niet voor de burgertop liggen ({ $date }).

# Bevestiging na de loting: uiterste datum, aantallen, niet-reageerders (issue 4)
confirmation-title = Bevestigingen
confirmation-lead = Gelote mensen bevestigen of melden zich af via de persoonlijke link in hun bericht. Een plaats die vrijkomt gaat naar de eerste reserve die alle quota laat kloppen.
confirmation-counts = Antwoorden van het panel
confirmation-confirmed = Bevestigd
confirmation-declined = Afgemeld
confirmation-waiting = Wacht op antwoord
confirmation-replaced = Vervangen door een reserve
confirmation-unfilled = Vrije plaatsen die geen reserve binnen de quota kon innemen
confirmation-deadline = Uiterste datum om te bevestigen
confirmation-deadline-hint = Jaar-maand-dag, op of voor de burgertop ({ $date }). Wie aan het eind van die dag niet heeft geantwoord, reageert niet.
confirmation-deadline-save = Datum opslaan
confirmation-deadline-open = Gelote mensen kunnen antwoorden tot het eind van { $date }.
confirmation-no-shows = { $count ->
    [0] De uiterste datum is voorbij. Er zijn geen niet-reageerders (meer).
    [one] De uiterste datum is voorbij. 1 geloot persoon heeft niet geantwoord.
   *[other] De uiterste datum is voorbij. { $count } gelote mensen hebben niet geantwoord.
}
confirmation-replace-no-shows = Vervang wie niet antwoordde door reserves
confirmation-error-after = De uiterste datum kan niet na de burgertop liggen ({ $date }).
confirmation-error-not-passed = De uiterste datum is nog niet voorbij (of niet ingesteld), dus er is nog niemand die niet reageerde.
personal-deadline = Antwoord uiterlijk aan het eind van { $date }.
## Seating (issue 5)
nav-seating = Tafelindeling
seating-title = Tafelindeling
seating-lead = De tafels in de zaal, en wie waar zit in elke tafelronde van het programma. Elke tafel is een afspiegeling van de zaal (belangengroep en de kenmerken van de top), niemand ontmoet dezelfde mensen twee keer als dat te vermijden is, rolstoelgebruikers zitten aan toegankelijke tafels en mensen met een tolk aan een tafel in hun taal.
seating-run-title = De zaal indelen
seating-counts = { $people } deelnemers (geselecteerd, bevestigd of binnen), { $tables } tafels met { $seats } plaatsen, { $rounds } tafelrondes in het programma.
seating-run = De zaal indelen
seating-run-again = De zaal opnieuw indelen (vervangt alle verplaatsingen met de hand)
seating-running = De indeling loopt sinds { $at }.
seating-refresh = Deze pagina vernieuwen
seating-failed = De laatste indeling vond geen plan:
seating-metrics-title = Kwaliteit van de indeling
seating-metric = Maat
seating-value = Waarde
seating-lower-bound = Ondergrens
seating-metric-hard = Gebroken harde regels (plaatsen, toegang, taal)
seating-metric-fc = Tafels naast hun eerlijke aandeel (mensen te veel of te weinig)
seating-metric-pairs = Paren die elkaar vaker dan eens ontmoeten
seating-metric-meet = Herhaalde ontmoetingen
seating-metric-host = Herhaalde bezoeken aan dezelfde gastheer of gastvrouw
seating-metric-unique = Verschillende paren die elkaar ontmoeten
seating-print = Tafellijsten en tafelkaarten afdrukken
seating-host-view = Weergave voor tafelgastheren en -vrouwen
seating-composition-title = Samenstelling per tafel
seating-rounds = Rondes
seating-round = Ronde { $n }
seating-chart-title = Mensen per belangengroep aan elke tafel
seating-composition-caption = Mensen per belangengroep aan elke tafel
seating-table = Tafel
seating-table-n = Tafel { $n }
seating-total = Totaal / plaatsen
seating-lists-title = Wie zit waar
seating-hosted-by = gastheer/gastvrouw: { $name }
seating-empty = Niemand zit hier in deze ronde.
seating-move = Verplaatsen
seating-tables-title = Tafels
seating-no-tables = Nog geen tafels. Voeg hieronder de tafels van de zaal toe.
seating-capacity = Plaatsen
seating-accessible = Rolstoeltoegankelijk
seating-language = Taal
seating-host = Gastheer/gastvrouw
seating-no-host = Geen gastheer of gastvrouw
seating-actions = Acties
seating-add-title = Tafels toevoegen
seating-count = Aantal tafels
seating-add = Tafels toevoegen
seating-done-tables-added = De tafels zijn toegevoegd.
seating-done-table-saved = De tafel is bewaard.
seating-done-table-deleted = De tafel is verwijderd.
seating-done-started = De indeling is gestart. Vernieuw deze pagina over een paar seconden.
seating-done-moved = De persoon is verplaatst.
seating-error-no-tables = Voeg eerst de tafels van de zaal toe.
seating-error-no-rounds = Het programma heeft geen tafelrondes (rondes met een tafelgrootte).
seating-error-no-people = Er zijn nog geen deelnemers om in te delen (geselecteerd, bevestigd of binnen).
seating-error-running = De indeling loopt al.
seating-error-table = Controleer de tafel: het aantal tafels is 1 tot 500 en het aantal plaatsen 1 tot 100.
seating-move-title = Iemand verplaatsen
seating-now-at = nu aan tafel { $n }
seating-move-to = Verplaatsen naar
seating-move-preview = Het effect tonen
seating-move-effect = Het effect van een verplaatsing naar tafel { $n }
seating-before = Voor
seating-after = Na
seating-move-confirm = Naar tafel { $n } verplaatsen
seating-move-full = Die tafel is vol in deze ronde. Kies een andere tafel, of verplaats eerst iemand van die tafel.
seating-print-title = Tafellijsten en tafelkaarten
seating-print-lead = Druk deze pagina af: elke tafellijst begint op een nieuwe pagina en elke tafelkaart vult een pagina.
seating-back = Terug naar de tafelindeling
seating-cards-title = Tafelkaarten
seating-host-title = Uw tafels
seating-no-tables-here = Geen tafels om te tonen.
personal-tables-title = Uw tafel
personal-table-round = Ronde { $round }: tafel { $table }
badge-tables = Tafel { $tables }

## De dag, deel B: voorstellen, stemmingen, uitslagen, actiegroepen (issue 6)
day-nav = De dag
nav-proposals = Voorstellen
nav-votes = Stemmingen
nav-actions = Actiegroepen
nav-plans = Gepubliceerde voorstellen
nav-results = Uitslagen
saved-again = Dit was al opgeslagen: er is niets dubbel geteld.
proposals-title = Voorstellen
proposals-lead = Elke thematafel schrijft hier haar plan. De tafelgastheer of -vrouw maakt het concept en publiceert het; daarna ziet iedereen het. Facilitators kunnen een gepubliceerd voorstel aanpassen, met een reden die erbij getoond wordt.
proposals-no-tables = U bent nog geen gastheer of -vrouw van een tafel, dus u kunt geen voorstel schrijven. Vraag een organisator u een tafel toe te wijzen.
proposals-none = Nog geen voorstellen.
proposals-count = { $count ->
    [one] Eén voorstel
   *[other] { $count } voorstellen
}
proposal-add = Voorstel toevoegen
proposal-edit = Voorstel aanpassen
proposal-publish = Publiceren
proposal-withdraw = Terug naar concept
proposal-published = Gepubliceerd
proposal-draft = Concept
proposal-cost-n = kosten € { $n }
proposal-edited-because = Aangepast door een facilitator: { $reason }
proposal-error-reason = Geef een reden: die wordt bij het voorstel getoond.
field-proposal-table = Tafel
field-proposal-title = Titel
field-proposal-what = Wat stellen we voor?
field-proposal-why = Waarom?
field-proposal-who = Wie doet wat?
field-proposal-ourselves = Wat kunnen we zelf doen?
field-proposal-cost = Geschatte kosten in euro (niet verplicht)
hint-proposal-cost = Alleen nodig voor een stemming met een budget.
field-proposal-reason = Reden van de wijziging
hint-proposal-reason = Dit voorstel is gepubliceerd: de reden wordt erbij getoond en bewaard in het auditlogboek.
plans-title = Voorstellen van de dag
plans-lead = Alle gepubliceerde voorstellen van de thematafels.
plans-none = Er is nog geen voorstel gepubliceerd.
votes-title = Stemmingen
votes-none = Nog geen stemmingen.
vote-new = Nieuwe stemming
vote-create = Stemming aanmaken
vote-need-proposals = Een stemming heeft minstens twee gepubliceerde voorstellen nodig.
vote-status = Stand
vote-turnout = Gestemd
vote-status-draft = nog niet geopend
vote-status-open = open
vote-status-closed = gesloten
vote-method-approval = Goedkeuring (vink tot N aan)
vote-method-dots = Stippen (N stippen verdelen)
vote-method-schulze = Rangorde: Schulze
vote-method-stv = Rangorde: enkelvoudig overdraagbare stem (STV)
vote-method-mes = Budget: Method of Equal Shares (gelijke delen)
vote-method-greedy = Budget: meeste stemmen eerst
field-vote-title = Titel
field-vote-method = Stemmethode
hint-vote-method = Elke methode wordt geteld met een uitleg stap voor stap.
field-vote-max = Keuzes (goedkeuring: ten hoogste; stippen: stippen per persoon)
hint-vote-max = 0 betekent geen grens bij goedkeuring.
field-vote-seats = Te vullen plaatsen
hint-vote-seats = Bijvoorbeeld 10 voor een top 10.
field-vote-budget = Budget in euro
hint-vote-budget = Alleen voor de budgetmethoden; elk voorstel heeft dan kosten nodig.
field-vote-hide = Verberg de uitslag tot de stemming sluit
field-vote-options = Voorstellen op het stembiljet
vote-error-options = Kies minstens twee gepubliceerde voorstellen.
vote-error-dots = Stippen verdelen vraagt minstens één stip per persoon.
vote-error-budget = Een budgetmethode heeft een budget boven 0 nodig.
vote-error-costs = Een budgetmethode heeft kosten nodig voor elk gekozen voorstel.
vote-seats-n = { $count ->
    [one] één plaats
   *[other] { $count } plaatsen
}
vote-hidden-until-close = uitslag verborgen tot de stemming sluit
vote-turnout-n-of-m = { $n } van { $m } hebben gestemd
vote-turnout-n = { $n } hebben gestemd
vote-paper-n = { $n } op papier
vote-open = Stemming openen
vote-close = Stemming sluiten
vote-projector = Beeld voor de beamer
vote-paper-title = Papieren stembiljet invoeren
vote-paper-lead = Voor iemand zonder telefoon: voer het papieren stembiljet in. Het telt mee als elk ander biljet; alleen het aantal papieren biljetten wordt bewaard.
vote-paper-add = Papieren biljet toevoegen
vote-not-open = Deze stemming is niet open.
vote-no-ballots = Nog geen stembiljetten.
vote-result = Uitslag
vote-result-ballots = { $count ->
    [one] Geteld uit één stembiljet.
   *[other] Geteld uit { $count } stembiljetten.
}
vote-explanation = Hoe er geteld is, stap voor stap
vote-results-hidden = De uitslag wordt getoond als de stemming sluit.
results-title = Uitslagen
results-none = Er is nog geen stemming geopend.
results-open-data = Open data
results-open-data-lead = Elk stembiljet, zonder enig verband met wie het uitbracht, in willekeurige volgorde: tel zelf na.
results-ballots-csv = Stembiljetten (CSV)
results-ballots-json = Stembiljetten (JSON)
ballot-legend-rank = Geef uw favoriet plaats 1, de volgende plaats 2, enzovoort. U mag opties overslaan.
ballot-legend-dots = { $n ->
    [one] U hebt één stip: zet die op een optie.
   *[other] Verdeel uw { $n } stippen over de opties (meer op één optie mag).
}
ballot-legend-approve-max = { $n ->
    [one] Vink één optie aan.
   *[other] Vink ten hoogste { $n } opties aan.
}
ballot-legend-approve = Vink de opties aan die u steunt.
ballot-unranked = geen plaats
ballot-place-n = plaats { $n }
ballot-error-empty = Kies minstens één optie.
ballot-error-option = Kies uit de getoonde opties.
ballot-error-too-many = { $n ->
    [one] Vink ten hoogste één optie aan.
   *[other] Vink ten hoogste { $n } opties aan.
}
ballot-error-dots = { $n ->
    [one] U hebt één stip.
   *[other] U hebt in totaal { $n } stippen; gebruik hele getallen.
}
ballot-error-rank = Kies een plaats voor elke gerangschikte optie.
ballot-error-rank-twice = Elke plaats kan maar één keer gegeven worden.
ballot-saved = Uw stem is opgeslagen. U kunt hem wijzigen tot de stemming sluit.
ballot-changed = Uw stem is gewijzigd. U kunt hem wijzigen tot de stemming sluit.
ballot-other-device = U hebt al gestemd, op een andere telefoon of browser. Wijzig uw stem daar; alleen dat apparaat heeft de sleutel van uw geheime stembiljet.
tally-setup-approval = { $ballots } stembiljetten; de { $seats } opties met de meeste stemmen winnen (bij gelijke stemmen: de eerdere optie eerst).
tally-setup-dots = { $ballots } stembiljetten; de { $seats } opties met de meeste stippen winnen (bij gelijke stippen: de eerdere optie eerst).
tally-setup-schulze = { $ballots } stembiljetten met een rangorde, { $options } opties. Een gerangschikte optie gaat voor elke niet-gerangschikte; voor elk paar wordt het verschil geteld, en een keten van overwinningen is zo sterk als het kleinste verschil erin.
tally-setup-stv = { $ballots } stembiljetten met een eerste keus, { $seats } plaatsen: een optie is gekozen met { $quota } stemmen.
tally-setup-mes = Een budget van { $budget } wordt gelijk verdeeld over { $ballots } stemmers ({ $share_per_voter } elk). Een stemmer betaalt alleen mee aan opties waarop hij of zij stemde.
tally-setup-greedy = Budget { $budget }; { $ballots } stembiljetten. Opties gaan op volgorde van stemmen, elk betaald als het past in wat over is.
tally-selected = Ronde { $round }: { $option } is gekozen.
tally-skipped = Ronde { $round }: { $option } is niet gekozen.
tally-eliminated = Ronde { $round }: { $option } valt af.
tally-tie = Ronde { $round }: gelijke stand; { $option } gaat voor op volgorde van het stembiljet.
tally-run = Een nieuwe telling: { $option }
tally-stop = De telling is klaar.
tally-num-ballots = stembiljetten
tally-num-seats = plaatsen
tally-num-votes = stemmen
tally-num-points = stippen
tally-num-place = plaats
tally-num-quota = quotum
tally-num-budget = budget
tally-num-budget_left = budget over
tally-num-cost = kosten
tally-num-counts = tellingen
tally-num-exact_rounds = exacte rondes
tally-num-options = opties
tally-num-pay_all_they_have = steuners die alles betalen wat ze over hebben
tally-num-payment_per_supporter = bijdrage per steuner
tally-num-rho = prijs per eenheid kosten
tally-num-share_per_voter = deel per stemmer
tally-num-spent = uitgegeven
tally-num-strength_against = sterkste keten tegen
tally-num-strength_back = sterkste keten terug
tally-num-supporters = steuners
tally-num-supporters_money_left = geld van de steuners over
tally-num-run = telling
actions-title = Actiegroepen
actions-lead = Na de stemming zet een actiegroep elk gekozen voorstel voort. Deelnemers melden zich aan op hun telefoon; elke groep heeft één contactpersoon.
actions-none = Nog geen actiegroepen.
actions-group = Groep
actions-members = Leden
actions-member = Lid
actions-contact = Contactpersoon
actions-export = Exporteren (CSV)
actions-make = De actiegroepen maken
actions-from-vote = Uit de uitslag van
actions-members-n = { $count ->
    [one] Eén lid
   *[other] { $count } leden
}
actions-no-members = Nog niemand heeft zich aangemeld.
actions-shares = Deelt contactgegevens
actions-volunteer = meldt zich als contactpersoon
actions-is-contact = Contactpersoon
actions-make-contact = Maak contactpersoon
actions-yes = ja
actions-no = nee
ballot-my-votes = Stemmingen
ballot-no-votes = Er is nog geen stemming open.
ballot-vote-in = Stem: { $title }
ballot-result-of = Uitslag: { $title }
ballot-secret = Uw stem is geheim: niemand kan zien wat u koos. Tot de stemming sluit kunt u hem hier wijzigen, op deze telefoon.
ballot-cast = Stem uitbrengen
ballot-change = Mijn stem wijzigen
ballot-closed = Deze stemming is gesloten.
ballot-closed-yours = Uw stem is meegeteld.
actions-signup-lead = Meld u aan voor de actiegroep van een gekozen voorstel om het na vandaag voort te zetten.
actions-you-joined = u bent lid
actions-consent = Ik ga akkoord dat mijn naam, e-mailadres en telefoonnummer met deze groep gedeeld worden.
actions-volunteer-label = Ik meld me als contactpersoon van de groep (vraagt het vakje hierboven).
actions-join = Aanmelden
actions-update = Mijn keuzes opslaan
actions-leave = Uit deze groep gaan
## De dag (issue 6, deel A)
day-start-title = Open uw scherm voor vandaag
day-start-lead = Typ de code op uw badge. Uw telefoon toont dan de huidige ronde, uw tafel en wat u kunt doen.
day-start-open = Open mijn scherm
day-unknown-hint = Geen badge van deze top heeft deze code. Controleer de code, of vraag het een tafelgastheer of de informatiebalie.
day-not-confirmed-hint = Deze badge hoort niet bij een bevestigde deelnemer. Vraag het bij de informatiebalie.
day-wait = { $seconds ->
    [one] Er zijn te veel verkeerde codes verstuurd vanaf deze verbinding. Wacht 1 seconde en probeer het opnieuw.
   *[other] Er zijn te veel verkeerde codes verstuurd vanaf deze verbinding. Wacht { $seconds } seconden en probeer het opnieuw.
}
day-badge-question = Is dit uw badge? Open op deze telefoon uw eigen scherm voor vandaag.
day-badge-code = Badgecode: { $code }
day-badge-open = Dit is mijn badge: open mijn scherm
day-badge-crew = Deurploeg: log in om deze persoon in te checken
day-round-of = Ronde { $n } van { $total }
day-not-started = Het programma is nog niet begonnen
day-not-started-lead = Welkom! Dit scherm volgt het programma: zodra de eerste ronde begint, ziet u die hier.
day-your-table = Uw tafel: { $n }
day-leave = Mijn scherm op deze telefoon sluiten
day-closed = Uw scherm is op deze telefoon gesloten. Typ uw badgecode om het weer te openen.
day-time-left = Resterende tijd:
day-paused = gepauzeerd
day-keywords-title = Uw trefwoorden
day-keyword = Trefwoord
day-keyword-hint = Eén of enkele woorden over wat uw tafel belangrijk vond. Stuur er zoveel u wilt, één per keer.
day-keyword-send = Versturen
day-keyword-empty = Typ eerst een trefwoord.
day-keyword-long = Een trefwoord heeft hoogstens { $max } tekens; dit heeft er { $count }.
day-saved = Opgeslagen.
day-saved-text = “{ $text }” is aangekomen.
day-my-keywords = Door u verstuurd in deze ronde
day-console-title = Console van de gespreksleiding
day-screen-link = Projectiescherm
day-host-link = Tafelgastheren
day-stale = Het programma was al verder gegaan (misschien klikte een andere gespreksleider eerder). Zo staat het er nu voor.
day-pause = Timer pauzeren
day-resume = Timer hervatten
day-previous = Vorige ronde
day-next = Volgende ronde
day-start = Programma starten
day-count-in = Ingecheckt
day-count-phones = Telefoons verbonden
day-count-keywords = Trefwoorden deze ronde
day-count-contributors = Tafels en mensen die trefwoorden stuurden
day-programme = Programma
day-round = Ronde
day-question = Vraag
day-minutes = Minuten
day-go = Ga naar
day-go-to = Naar ronde { $n }
day-now = nu
day-moderation = Moderatie
day-moderation-hint = Verberg, bewerk of voeg een trefwoord samen. Geef een reden: die staat hier en in het auditlogboek. De oorspronkelijke tekst blijft altijd bewaard.
day-no-keywords = Nog geen trefwoorden.
day-original = verstuurd als “{ $text }”
day-in-round = ronde { $n }
day-by-table = ingevoerd door een tafelgastheer
day-by-participant = van een deelnemer
day-hidden = verborgen
day-reason-shown = Reden: { $reason }
day-reason = Reden
day-reason-empty = Geef een reden voor deze wijziging.
day-reason-long = Een reden heeft hoogstens { $max } tekens.
day-hide = Verbergen
day-show = Weer tonen
day-edit-text = Nieuwe tekst
day-edit = Tekst opslaan
day-merge-into = Samenvoegen met
day-merge = Samenvoegen
day-merge-choose = Kies het trefwoord om mee samen te voegen.
day-synonyms = Synoniemen
day-synonyms-hint = Een synoniem telt in de woordwolk als een ander woord (bijvoorbeeld “rijwiel” als “fiets”).
day-synonym-word = Woord
day-synonym-canonical = Telt als
day-synonym-add = Synoniem toevoegen
day-cloud-title = Woordwolk
day-cloud-empty = Nog geen trefwoorden.
day-cloud-table = Trefwoorden en hoe vaak ze zijn verstuurd
day-count = Aantal
day-host-title = Uw tafels vandaag
day-host-no-tables = Geen tafels van u in deze ronde.
day-table = Tafel { $n }
day-present-count = { $present } van { $seated } aanwezig
day-present = aanwezig
day-absent = afwezig
day-mark-present = Aanwezig
day-mark-absent = Afwezig
day-host-keyword = Trefwoord voor tafel { $n }
day-theme-empty = Geef het thema een naam.
day-themes = Thema's
day-themes-hint = Neem een voorgesteld thema over, of maak er zelf een; hernoem of voeg thema's samen, en verplaats trefwoorden tussen thema's (een thema splitsen: maak een nieuw thema en verplaats trefwoorden ernaartoe). Elke wijziging staat in het auditlogboek.
day-theme-keywords = { $count ->
    [one] 1 trefwoord
   *[other] { $count } trefwoorden
}
day-theme-name = Naam
day-theme-rename = Hernoemen
day-suggestions = Voorgestelde thema's (trefwoorden die nog in geen thema zitten)
day-suggestion-adopt = Overnemen als thema
day-theme-new = Nieuw thema
day-theme-add = Thema toevoegen
day-theme-of = Thema
day-theme-set = In dit thema zetten
day-vote-title = Themastemming
day-vote-legend = Uw stippen per thema
day-dots-lead = { $count ->
    [one] U hebt 1 stip. Zet die op het thema waaraan u vanmiddag het liefst werkt.
   *[other] U hebt { $count } stippen. Verdeel ze over de thema's waaraan u vanmiddag het liefst werkt (meer op één thema mag).
}
day-vote-send = Mijn stippen opslaan
day-voted = Uw stippen tellen mee. U kunt ze wijzigen tot de stemming sluit.
day-vote-closed = De themastemming is gesloten.
day-dots-number = Geef een heel aantal stippen (0 of meer) voor “{ $theme }”.
day-dots-too-many = U gaf { $count } stippen; u hebt er { $max }.
day-dots-range = Het aantal stippen per deelnemer is 1 tot 20.
day-dots = Stippen per deelnemer
day-dots-hint = Hoeveel stippen elke deelnemer over de thema's mag verdelen.
day-vote-open = Stemming openen
day-vote-close = Stemming sluiten
day-vote-status-none = De themastemming is nog niet geopend.
day-vote-status-open = De themastemming is open.
day-vote-status-closed = De themastemming is gesloten.
day-voters = { $count ->
    [one] 1 deelnemer stemde
   *[other] { $count } deelnemers stemden
}
day-voters-col = Stemmers
day-vote-results = De telling
day-dots-count = { $count ->
    [one] 1 stip
   *[other] { $count } stippen
}

## Gemeenschappelijke grond (issue 7): de ronde met stellingen
st-title = Stellingen
st-go = Stellingen: schrijven en stemmen
st-not-secret = Uw stemmen hier zijn meningen, geen geheime stemming: ze worden bewaard bij uw deelnemersnummer (nooit bij uw naam), zodat de kaart kan laten zien welke meningen samengaan.
st-not-now = Er loopt nu geen ronde met stellingen. Deze pagina komt tot leven zodra de gespreksleider er een start.
st-back-day = Terug naar mijn scherm voor de dag
st-vote-title = Eens of oneens?
st-vote-saved = Uw stem is geteld.
st-left = { $left ->
    [0] Geen stellingen meer over van de { $total }.
    [one] Nog 1 stelling over van de { $total }.
   *[other] Nog { $left } stellingen over van de { $total }.
}
st-agree = Eens
st-disagree = Oneens
st-pass = Overslaan / weet niet
st-your-vote = Uw stem nu: { $vote }. Kies opnieuw om hem te veranderen.
st-done = U hebt op alle stellingen gestemd die er nu zijn.
st-check-new = Kijk of er nieuwe stellingen zijn
st-send-title = Schrijf een stelling
st-statement = Stelling
st-statement-hint = Eén korte, duidelijke stelling waar anderen het mee eens of oneens kunnen zijn (hoogstens 140 tekens). Een gespreksleider leest hem voordat hij getoond wordt.
st-send = Stuur de stelling
st-saved-text = “{ $text }” is aangekomen; een gespreksleider leest hem voordat hij getoond wordt.
st-empty = Typ eerst een stelling.
st-long = Een stelling heeft hoogstens { $max } tekens; deze heeft er { $count }.
st-mine = Uw stellingen
st-status-pending = wacht op een gespreksleider
st-status-approved = getoond
st-status-hidden = verborgen
st-my-votes = Uw stemmen
st-change = Veranderen
st-console-title = Stellingen en gemeenschappelijke grond
st-results-link = Openbare uitkomst
st-count-pending = Wachtend
st-count-approved = Getoond
st-count-hidden = Verborgen
st-count-voters = Deelnemers die stemden
st-count-votes = Stemmen
st-count-groups = Meningsgroepen
st-moderation-hint = Keur een stelling goed om hem aan de deelnemers te tonen; verberg of bewerk hem met een reden (die hier staat en in het auditverslag blijft). De oorspronkelijke tekst blijft altijd bewaard.
st-none = Nog geen stellingen.
st-approve = Goedkeuren
st-edit = Tekst opslaan en tonen
st-by-facilitator = toegevoegd door een gespreksleider
st-add-title = Stelling toevoegen
st-add-hint = Een stelling die u hier toevoegt, zien de deelnemers meteen.
st-add = Stelling toevoegen
st-map-title = Meningenkaart
st-map-desc = { $participants } deelnemers in { $groups } meningsgroepen. Wie hetzelfde stemt, staat dicht bij elkaar; elke groep heeft een eigen kleur en vorm.
st-group = Groep { $letter }
st-members = { $count ->
    [one] 1 deelnemer
   *[other] { $count } deelnemers
}
st-unclustered = Nog niet in een groep
st-axis-x = eerste meningsrichting
st-axis-y = tweede meningsrichting
st-counts = { $participants } deelnemers, { $groups } meningsgroepen, { $votes } stemmen.
st-no-votes = Nog geen stemmen.
st-common-title = Gemeenschappelijke grond
st-common-hint = Stellingen waar een meerderheid van elke meningsgroep het mee eens is.
st-common-empty = Nog geen gemeenschappelijke grond.
st-share = { $percent }% eens ({ $agree } van { $votes })
st-theme-name = Naam van het thema
st-carry = Maak er een agendathema van
st-carried = Thema geworden: “{ $theme }”.
st-results-title = Gemeenschappelijke grond: de stellingen
st-results-lead = { $count ->
    [one] Over 1 stelling is gestemd.
   *[other] Over { $count } stellingen is gestemd.
}
## Thematafels (de bovenste thema's van de stippenstemming worden de tafels van een ronde)
day-your-theme-table = Uw tafel: { $n } — thema: { $theme }
day-dots-use = Uw stippen worden gebruikt om u aan een thema te zetten dat u koos; daarom worden ze bij uw inschrijving bewaard (anders dan de geheime stembiljetten van de latere stemmingen). Iedereen ziet alleen de totalen.
day-host-theme = Thema: { $theme }
day-theme = Thema
day-theme-tables = Thematafels
day-theme-tables-hint = Kies na het sluiten van de stippenstemming hoeveel van de bovenste thema's tafels krijgen in een ronde. Meer stippen op een thema betekent een hogere plaats in iemands voorkeur; iedereen komt aan het beste thema waar plaats is, mensen zonder stippen waar plaats is. Gastheren blijven aan hun tafel; rolstoel- en tolkbehoeften blijven gelden. Dit vervangt de plaatsen van die ronde.
day-theme-tables-no-rounds = Het programma heeft geen tafelronde.
day-theme-tables-round = Ronde voor de thematafels
day-theme-tables-count = Aantal thema's
day-theme-tables-count-hint = Voorgesteld op grond van de zaal en de tafelgrootte; hoogstens { $max } (de thema's met stippen).
day-theme-tables-start = Thematafels indelen
day-theme-tables-round-of = Thematafels van ronde { $n }.
day-theme-tables-status-running = De tafelindeling zet iedereen aan een thema…
day-theme-tables-failed = De indeling aan thematafels is mislukt:
day-theme-tables-choices = Van de { $seated } mensen zitten er { $first } aan hun 1e keus, { $second } aan hun 2e, { $lower } aan een latere keus en { $unranked } aan een thema waar ze geen stippen op zetten.
day-theme-tables-caption = Thema's en hun tafels
day-theme-tables-tables = Tafels
day-theme-tables-people = Mensen
day-theme-tables-vote-not-closed = Sluit eerst de themastemming: de thematafels worden ingedeeld met de definitieve stippen.
day-theme-tables-no-hall = Er zijn nog geen tafels of geen deelnemers om in te delen.
day-theme-tables-count-range = Kies 1 tot { $max } thema's (de thema's met stippen).
day-theme-tables-too-many = Er zijn maar { $tables } tafels: kies hoogstens zoveel thema's.
day-theme-tables-running = De thematafels worden al ingedeeld; wacht tot dat klaar is.
st-online-title = Stellingen online
st-online-lead = Voor de top kan iedereen in de gemeenschap stellingen schrijven en stemmen op die van anderen. Ze tellen mee in dezelfde meningenkaart en gemeenschappelijke grond als de dag zelf.
st-online-not-secret = Uw stemmen hier zijn meningen, geen geheime stemming: ze worden bewaard bij een willekeurig nummer in een cookie van deze browser (nooit bij uw naam), zodat de kaart kan laten zien welke meningen samengaan. Eén browser, één stem.
st-online-closed = De pagina met stellingen online is nu niet open.
st-online-is-open = De pagina met stellingen online is open voor de hele gemeenschap.
st-online-is-closed = De pagina met stellingen online is dicht.
st-online-link = Naar de pagina
st-online-open = Open hem voor de gemeenschap
st-online-close = Sluit de online pagina
