# g1000 — English catalogue. Keep the same message ids as nl.ftl (a test checks it).

skip-to-content = Skip to content
footer-text = g1000 — open-source software for G1000 citizens' summits (EUPL-1.2).
nav-account = Account
nav-my-summits = My summits
nav-login = Log in
nav-logout = Log out
nav-language = Language
nav-manage = Summit set-up
nav-dashboard = Dashboard
nav-details = Details
nav-groups = Stakeholder groups
nav-programme = Programme
nav-team = Team
nav-runsheet = Run-sheet
nav-public-page = Public page

save = Save
saved = Your changes have been saved.
live-updated = Updated just now.
cancel = Cancel
edit = Edit
delete = Delete
actions = Actions
move-up = Move up
move-down = Move down

home-title = G1000: a citizens' summit for the whole community
home-lead = A G1000 brings about a thousand members of a community together for one day of dialogue: citizens drawn by lot, employers, government and free thinkers. Together they choose their own agenda, work it out into proposals, choose transparently among them and commit to act.
home-upcoming = Summits
home-none = No summit has been published yet.
home-organise = Organise a G1000
home-organise-text = Citizens take the initiative. With g1000 the organising team sets up the summit, runs a verifiable lottery, and carries the day and its follow-up.
home-setup = Set up g1000

setup-title = Set up g1000
setup-lead = No organiser exists yet. Create the first organiser account; it can then create summits and invite the rest of the team.
setup-submit = Create organiser account

login-title = Log in
login-submit = Log in
login-failed = The e-mail address or password is not correct.
login-too-many = Too many attempts. Wait 15 minutes and try again.
login-first-run = g1000 has not been set up yet.

account-title = My summits
account-hello = Welcome, { $name }.
account-none = You do not have a role in any summit yet.
account-your-roles = Your roles

status-published = Published
status-draft = Draft

summit-new = New summit
summit-new-lead = Start with the basics; you can change everything later.
summit-create = Create summit
summit-edit = Edit details

field-your-name = Your name
field-name = Name
field-email = E-mail address
field-password = Password
field-password-confirm = Repeat the password
field-role = Role
field-summit-name = Name of the summit
field-community = Community (municipality)
field-date = Date
field-start-time = Start time
field-venue = Venue
field-capacity = Hall capacity (seats)
field-languages = Languages
field-description = Description for the public page
field-group-name = Name of the group
field-group-kind = Part of the whole system
field-seat-target = Seats
field-join-method = How people join
field-open-cap = Registration cap (open registration only)
field-round-kind = Kind of round
field-question = Question
field-duration = Duration (minutes)
field-table-size = People per table

hint-password = At least 10 characters. A few unusual words in a row work well.
hint-summit-name = For example "G1000 Amersfoort".
hint-community = The municipality or community the summit is for.
hint-venue = Building and address.
hint-capacity = How many people the hall seats, table hosts included.
hint-languages = The languages spoken or interpreted on the day.
hint-description = Optional. Why this summit, who organises it, how to get there.
hint-group-name = For example "Citizens drawn by lot".
hint-seat-target = How many seats this group gets in the hall.
hint-open-cap = How many may register before the waiting list starts. At least the number of seats.
hint-round-kind = What happens in this round.
hint-question = The question the tables talk about. Optional for welcome and closing.
hint-table-size = 0 for plenary rounds; about 10 for dialogue at tables.
hint-team-email = If this person has no account yet, one is created with a one-time password.

error-summary-title = Please correct the following
error-required = Fill this in.
error-too-long = Use at most { $max } characters.
error-whole-number = Enter a whole number.
error-range = Enter a number from { $min } to { $max }.
error-date = Enter a date as year-month-day, for example 2026-03-14.
error-time = Enter a time as hours:minutes, for example 09:30.
error-languages = Choose at least one language.
error-choice = Choose one of the options.
error-email = Enter an e-mail address like name@example.org.
error-password-short = Use at least { $min } characters.
error-password-mismatch = The two passwords are not the same.
error-cap-below-target = The cap must be at least the number of seats.
error-table-size = Rounds at tables need at least 2 people per table.

dash-checklist = Set-up checklist
dash-ready = Everything is set up.
check-done = Done
check-todo = To do
check-whole-system = The whole system is present: citizens, employers, government and free thinkers
check-lottery-group = At least one group is drawn by lot
check-seats-fit = Seats fit the hall: { $seats } of { $capacity }
check-programme = The programme has rounds
check-facilitator = A facilitator is on the team
check-published = The public page is published
dash-seats = Seats per group
dash-seats-summary = { $seats } of { $capacity } seats assigned to groups.
dash-seat-chart = Seats per stakeholder group
dash-seat-chart-caption = Bar length is the group's share of the hall.
dash-add-groups = Add the stakeholder groups
dash-add-rounds = Add the rounds of the programme
dash-rounds = { $count ->
    [one] 1 round
   *[other] { $count } rounds
}
duration-hm = { $hours } h { $minutes } min
dash-publication = Publication
dash-draft-text = Only the team can see the public page.
dash-publish = Publish the public page
dash-unpublish = Take the public page offline

groups-title = Stakeholder groups
groups-lead = A G1000 brings the whole system into the hall. Give each group its seats and the way its people join.
groups-none = No groups yet. Start with the citizens drawn by lot.
groups-add = Add group
groups-edit = Edit group
groups-cap = cap { $cap }
group-kind-citizens = Citizens
group-kind-employers = Employers
group-kind-government = Government
group-kind-free_thinkers = Free thinkers
group-kind-other = Other
join-lottery = Lottery
join-invitation = Personal invitation
join-open = Open registration with a cap

programme-title = Programme
programme-lead = The rounds of the day, in order. Start and end times follow from the start time and the durations.
programme-none = No rounds yet.
programme-add = Add round
programme-edit = Edit round
round-n = round { $n }
minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
table-size = { $count ->
    [one] 1 person per table
   *[other] { $count } per table
}
round-kind-welcome = Welcome
round-kind-dialogue = Dialogue
round-kind-agenda = Own agenda
round-kind-proposals = Proposals
round-kind-vote = Vote
round-kind-statements = Statements
round-kind-commitment = Commitment
round-kind-closing = Closing

team-title = Team
team-lead = Organisers set up the summit; facilitators run the day; table hosts guide a table. Roles hold for this summit only.
team-members = Team members
team-add = Add to the team
team-added = { $name } has been added.
team-already = This person already has this role.
team-created = An account was created for { $email }. Its one-time password is shown only now:
team-created-hint = Pass it on in person or by phone; they can log in with it right away.
team-remove = Remove
team-you = you
team-last-organiser = The last organiser of a summit cannot be removed.
team-manage = Manage the team
role-organiser = Organiser
role-facilitator = Facilitator
role-table_host = Table host
role-participant = Participant

runsheet-title = Run-sheet
runsheet-lead = The programme of the day with times, questions and the number of tables for a full hall.
runsheet-time = Time
runsheet-tables = Tables

public-preview = Preview: this page is not public yet.
public-lead = A day of dialogue for and by { $community }.
public-seats = Seats
public-about = About this summit
public-what = What is a G1000?
public-what-text = A G1000 is a physical meeting of members of a community who, through dialogue, look for what they find important together. Everyone takes part as an equal. The participants choose the topics, work them out, choose among the proposals, and then get to work on the outcomes together.
public-pillars = The seven pillars
pillar-citizens = Citizens
pillar-citizens-text = citizens take the initiative and lead the organisation.
pillar-lottery = Lottery
pillar-lottery-text = every member of the community has an equal chance to take part.
pillar-dialogue = Dialogue
pillar-dialogue-text = room for what binds us; all insights are shared and valued together.
pillar-whole-system = Whole system
pillar-whole-system-text = citizens, employers, government and free thinkers all take part and co-own the result.
pillar-own-agenda = Own agenda
pillar-own-agenda-text = the day is about what the participants themselves find important.
pillar-transparent = Transparent choices
pillar-transparent-text = the participants own the result and how it comes about.
pillar-safe = Safe
pillar-safe-text = qualified facilitation and a careful programme keep room for open dialogue for everyone.
public-who = Who takes part
public-who-none = The groups will be announced soon.
public-group-seats = { $count ->
    [one] 1 seat
   *[other] { $count } seats
}
public-how = How to take part:
join-how-lottery = by lottery. Invitations with a personal code are sent to randomly drawn residents; you cannot sign up yourself, so everyone has the same chance.
join-how-invitation = by personal invitation from the organisers.
join-how-open = by open registration, until the places are taken; after that there is a waiting list.
group-blurb-citizens = Residents drawn by lot from the population register.
group-blurb-employers = Entrepreneurs and employers from the community.
group-blurb-government = Council members, civil servants and other public bodies.
group-blurb-free_thinkers = People who bring a fresh view: artists, scientists, activists and more.
public-day = The day
public-day-none = The programme will be announced soon.

language-nl = Dutch
language-en = English
language-fr = French
language-de = German
language-ar = Arabic
language-tr = Turkish
language-pl = Polish
language-uk = Ukrainian
language-ngt = Sign Language of the Netherlands (NGT)
language-vgt = Flemish Sign Language (VGT)

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

audit-title = Audit record
audit-lead = Every decision that shapes this summit is recorded here, in order. Each entry carries the fingerprint (SHA-256) of the one before it, so nobody can change, remove or insert an entry afterwards without it showing.
audit-verified = The chain is intact.
audit-broken = The chain is broken:
audit-count = { $count ->
    [one] 1 entry
   *[other] { $count } entries
}
audit-head = latest fingerprint
audit-download = Download the record (JSON)
audit-verify-hint = and check it yourself with
audit-when = When
audit-who = Who
audit-what = What
audit-detail = Details
audit-hash = Fingerprint
nav-audit = Audit record
public-transparency = Open and checkable
public-transparency-text = Every decision about this summit is kept in a public record that anyone can check.

nav-attributes = Attributes
attributes-title = Attributes for quotas
attributes-lead = What registrants declare about themselves, in bands (never exact values): for example age band, gender, district, education. The lottery uses them for quotas, seating for mixed tables. Give the community's share per band when you know it, so that g1000 can suggest quotas.
attributes-none = No attributes yet.
attributes-add = Add attribute
attributes-edit = Edit attribute
attributes-band = Band
attributes-share = Share in the community
field-attribute-name = Name of the attribute
hint-attribute-name = For example "Age" or "District".
field-bands = Bands
hint-bands = One band per line. Add the share in the community after a semicolon if you know it, for example "16–34 years; 28".
error-attribute-exists = There is already an attribute with this name.
error-band-label = Line { $line }: give the band a name of at most 80 characters.
error-band-duplicate = Line { $line }: this band appears twice.
error-band-share = Line { $line }: after the semicolon, give a share from 0 to 100.
error-bands-few = Give at least two bands, one per line.
error-too-many = Use at most { $max }.
error-bands-some-shares = Give a share for every band, or for none.
error-bands-sum = The shares add up to { $sum } %; they should add up to 100 %.

# Registration (participants)
register-title = Register with your invitation code
register-code-lead = Your invitation letter has a personal code of 14 letters and digits. Type it here, or scan the QR code in the letter with your phone's camera.
field-code = Invitation code
hint-code = For example K7QM-4XRT-9PWD-HX. Capitals, small letters and dashes are all fine.
register-code-submit = Continue
register-code-no-letter = No letter? Then you were not drawn this time. Some groups can sign up without a code; see below.
register-open-title = Sign up without a code
register-open-link = Sign up for { $group }
code-error-length = A code has { $expected } letters and digits; you typed { $found }.
code-error-character = "{ $char }" does not occur in codes. Codes have no 0, 1, I, L or O: check for a look-alike.
code-error-typo = This code contains a typing error. Check every character against your letter.
code-error-wrong = This code is not valid. Check it against your letter; if it still does not work, contact the organisers.
code-error-used = This code has already been used to register. If that was not you, contact the organisers.
code-error-wait = Too many wrong codes were sent from your internet connection. Wait { $wait } and try again.
wait-seconds = { $count ->
    [one] 1 second
   *[other] { $count } seconds
}
wait-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
register-form-title = Your registration
register-form-lead = Sign up for { $summit }:
register-code-accepted = Your code has been accepted:
register-full = All places are taken. If you register now, you go on the waiting list; we will let you know when a place opens up.
register-you = About you
field-phone = Phone number
hint-contact = Give an e-mail address, a phone number or both, so that we can reach you.
register-bands = For a hall that mirrors the community
register-bands-lead = The lottery uses these answers so that every part of the community is in the hall. You choose a group, never an exact value.
register-attend = Can you come?
field-attend = Can you take part on { $date }?
attend-yes = Yes, I can come
attend-no = No, I cannot come that day
register-needs = What you need to take part (optional)
register-needs-lead = Tell us what helps you take part, so that we can arrange it. Only the people who arrange it see this, and it is deleted soon after the day.
field-access = Access
need-wheelchair = Wheelchair access
need-hearing-loop = Hearing loop
need-sign-language = Sign language interpreter (NGT)
field-interpreter = Interpreter for another language
interpreter-none = No interpreter needed
field-diet = Food
diet-vegetarian = Vegetarian
diet-vegan = Vegan
diet-halal = Halal
diet-kosher = Kosher
diet-gluten_free = Gluten-free
diet-lactose_free = Lactose-free
diet-nut_allergy = Nut allergy
field-diet-other = Other food needs
field-needs-consent = I agree that my needs above are used to arrange my place and the venue.
hint-needs-consent = Needed only if you ticked or wrote something under "What you need to take part". This can say something about your health or beliefs, so we ask separately.
register-privacy = Your data
privacy-point-use = We use your data only for this summit: to invite you, for the lottery and to arrange the day.
privacy-point-keep = We delete your name and contact details after the summit; what you need to take part, within a week after the day.
privacy-point-rights = You can see, correct or delete your data at any time.
privacy-read = Read the full privacy statement
field-consent = I have read how my data is used and I agree.
register-submit = Register
register-submit-waiting = Register for the waiting list
error-contact = Give an e-mail address or a phone number (or both).
error-phone = Enter a phone number like 06 12345678 or +31 6 12345678.
error-choose-band = Choose one of the options.
error-attend = Choose whether you can come.
error-needs-consent = Tick this box, or leave the needs above empty.
error-consent = Tick this box to register.
registered-title = You are registered
registered-pool = Thank you! Your registration has arrived. You take part in the lottery for the places.
registered-waiting = Thank you! All places are taken, so you are on the waiting list. We will let you know when a place opens up.
registered-unavailable = Thank you for letting us know that you cannot come. Your code has now been used.
registered-generic = Thank you! Your registration has arrived.
registered-number = Your registration number:
registered-number-hint = Keep this number. After the lottery, the numbers of those drawn are published; your name never is.
registered-next = What happens next?
registered-next-text = After registration closes, the lottery draws the participants in public. We will then tell you whether you have been drawn, and ask you to confirm.
registered-back = Back to the summit page
privacy-title = Privacy statement
privacy-lead = How { $summit } handles the data of people who register.
privacy-who = Who is responsible?
privacy-who-text = The organisers of this summit in { $community } are responsible for your data. The municipality drew the addresses for the invitation letters; it did not pass on any names or addresses to us.
privacy-what = What we keep
privacy-what-code = Your invitation code only as a fingerprint (a hash), never the code itself.
privacy-what-contact = Your name, e-mail address and/or phone number: to reach you about the summit.
privacy-what-bands = The groups you chose (for example an age group), never exact values: for a lottery in which the hall mirrors the community.
privacy-what-needs = What you need to take part, only if you give it and agree separately: to arrange your place.
privacy-why = Why
privacy-why-text = We use your data only for this summit: the lottery, the messages about it, and arranging the day. We do not sell or share it, and we do not use it for anything else. The basis is your consent.
privacy-keep = How long
privacy-keep-text = If you are not drawn, we delete your name and contact details after the final lottery. If you take part, three months after the summit. What you need to take part is deleted within a week after the day. What stays are counts and a registration number without your name.
privacy-public = What is published
privacy-public-text = The lottery is public and checkable, but without names: only registration numbers and counts per group are published.
privacy-rights = Your rights
privacy-rights-text = You may see, correct or delete your data, and withdraw your consent at any time, as easily as you gave it. Contact the organisers. You may also complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).
privacy-version = Version { $version }

# Registration (organisers)
nav-invitations = Invitations
nav-registrations = Registrations
invitations-title = Invitations
invitations-lead = How people get to register: the codes of the letters the municipality sent (lottery), personal links for invited groups, and open forms.
batches-title = Codes on the platform
batches-none = No codes yet.
batches-kind = Source
batches-codes = Codes
batches-used = Used
batches-file = File (SHA-256)
batch-kind-letters = Letters (codes.txt)
batch-kind-links = Personal links
field-group = Stakeholder group
import-title = Import the codes of a draw
import-lead = Upload the codes.txt that "g1000 invite draw" wrote at the municipality. It holds only fingerprints of the codes, no names or addresses. Importing the same file again changes nothing.
import-no-group = Add a group that joins by lottery first.
field-codes-file = codes.txt
hint-codes-file = The file from the draw's output folder.
import-submit = Import codes
import-done = Imported: { $added } new codes ({ $already } were there already).
import-error-no-file = Choose the codes.txt file.
import-error-not-text = This is not a text file. Choose the codes.txt of the draw.
import-error-empty = This file holds no codes.
import-error-parse = This is not a valid codes.txt: { $problem }.
import-error-other-group = These codes have already been imported into another group.
links-title = Personal invitation links
links-lead = For groups that join by personal invitation (for example government and civil society): make a link per invitee and send it yourself. Each link works once.
links-no-group = No group joins by personal invitation.
field-links-count = Number of links
hint-links-count = One per person you invite, at most 500 at a time.
links-submit = Make links
links-done = { $count ->
    [one] 1 link made.
   *[other] { $count } links made.
}
links-new = New links
links-new-hint = Copy these links now: they are shown only this once (the platform keeps only their fingerprints).
open-forms-title = Open registration
open-forms-lead = These groups sign up with an open form; past the cap, people go on a waiting list.
registrations-title = Registrations
registrations-total = { $count ->
    [one] 1 registration in total.
   *[other] { $count } registrations in total.
}
registrations-per-group = Per stakeholder group
registrations-pool = Registered
registrations-progress = Against the seats
registrations-waiting = Waiting list
registrations-unavailable = Cannot come
registrations-codes = Codes used
registrations-per-band = Per attribute, in the lottery groups
registrations-per-band-lead = { $seats ->
    [one] Registered people in the lottery groups per band, against the band's share of their 1 seat.
   *[other] Registered people in the lottery groups per band, against the band's share of their { $seats } seats.
}
registrations-target = Target
error-group-has-registrations = People have registered for this group, so it cannot be deleted.
public-register-code = Register with your invitation code
import-problem-hash = line { $line } is not a code fingerprint (64 hexadecimal characters)
import-problem-salt = line { $line } does not hold a valid salt (64 hexadecimal characters)
import-problem-count = line { $line } does not hold a valid count
import-problem-no-salt = the file has no "salt:" line
import-problem-mismatch = the file says it holds { $count } codes, but it holds { $found }
nav-selection = Selection
selection-title = Selection (lottery, second stage)
selection-lead = From the people who registered with an invitation letter, the lottery engine draws a panel that mirrors the community. Set the quotas, run the engine, publish the commitment, then enter the ticket drawn in public.
selection-no-group = There is no stakeholder group that joins by lottery yet.
selection-summary = { $eligible ->
    [one] 1 person can be drawn
   *[other] { $eligible } people can be drawn
} for { $seats ->
    [one] 1 seat
   *[other] { $seats } seats
}
selection-quotas = Quotas per band
selection-quotas-lead = The suggestion is each band's share of the community (or, without shares on the attributes page, of the people who registered) times the seats, give or take 10 %. Change the minimum and maximum where needed, then save.
selection-quotas-locked = The commitment is published: the quotas and the pool can no longer change.
selection-everyone-note = No more people can be drawn than there are seats: everyone who can be drawn is admitted and no lottery is needed.
selection-no-attributes = There are no attributes, so there are no quotas; the lottery then gives everyone the same chance.
selection-quota-caption = { $seats ->
    [one] Minimum and maximum seats per band, of 1 seat
   *[other] Minimum and maximum seats per band, of { $seats } seats
}
selection-attribute = Attribute
selection-share = Share
selection-share-community = community
selection-share-registrants = registered
selection-available = Can be drawn
selection-suggested = Suggested
selection-min = Minimum
selection-max = Maximum
selection-save-quotas = Save quotas
selection-save-first = Save the quotas first; then the engine can run.
selection-error-min = enter the minimum as a whole number from 0 to { $seats }
selection-error-max = enter the maximum as a whole number from 0 to { $seats }
selection-error-min-above-max = the minimum is larger than the maximum
selection-error-mins = the minimums add up to { $sum }, more than the { $seats } seats
selection-error-maxs = the maximums add up to { $sum }, fewer than the { $seats } seats
selection-error-locked = The commitment is published, so the pool and quotas can no longer change.
selection-error-no-quotas = Save the quotas first.
selection-error-running = The engine is still running; wait until it has finished.
selection-error-state = This step is not possible now; the page shows what comes next.
selection-error-nobody = Nobody can be drawn yet: no one has registered who can attend.
selection-error-quotas-outdated = Someone registered with a band that has no quota yet. Check the quotas and save them again.
selection-error-ticket = Enter the ticket drawn in public: a whole number from 1 to { $tickets }.
selection-run = The lottery engine
selection-state = Status:
selection-state-draft = quotas being set
selection-state-running = the engine is running
selection-state-stale = the engine was interrupted; run it again
selection-state-failed = the engine stopped
selection-state-ready = ready to publish the commitment
selection-state-everyone = everyone is admitted (no lottery)
selection-state-committed = commitment published; waiting for the public draw
selection-state-drawn = drawn
selection-progress = Progress
selection-progress-text = { $done } of { $total } people have their final chance.
selection-reload = Check again
selection-failed = The engine could not make a panel with these quotas:
selection-run-hint = The engine freezes the pool (pseudonyms and bands only) and the quotas, computes the fairest chances (LEXIMIN) and a lottery of { $tickets } tickets. This runs in the background; you can leave this page.
selection-run-everyone-hint = The pool is frozen and everyone in it is admitted.
selection-run-button = Run the lottery engine
selection-run-everyone = Freeze the pool
selection-report = Fairness report
selection-everyone-report = { $eligible ->
    [one] 1 person can be drawn
   *[other] { $eligible } people can be drawn
} for { $seats ->
    [one] 1 seat
   *[other] { $seats } seats
}: everyone is admitted, there is no lottery.
selection-min-probability = Lowest chance:
selection-max-probability = highest chance:
selection-chart-title = Each person's chance of being selected
selection-chart-desc = { $count ->
    [one] One bar for 1 person, from the lowest chance to the highest.
   *[other] One bar per person for { $count } people, from the lowest chance to the highest.
}
selection-chart-table = Show the chances as a table
selection-pseudonym = Pseudonym
selection-probability = Chance
selection-quota-report = Quotas against the expected and drawn seats
selection-expected = Expected
selection-achieved = Drawn
selection-commitment = Commitment
selection-commitment-lead = Publish the commitment before the public draw: the fingerprints (SHA-256) of the pool, the quotas and the lottery, and the engine version. After that, nothing can change.
selection-commit-button = Publish the commitment
selection-commitment-done = The commitment is published on the public page.
selection-commitment-hash = Commitment (SHA-256)
selection-engine = Engine
selection-public-proof = See the public proof
selection-draw = Public draw
selection-draw-lead = Draw a ticket from 1 to { $tickets } in public (for example with three ten-sided dice, 000 being { $tickets }) and enter it here.
selection-ticket = Ticket drawn
selection-ticket-hint = A whole number from 1 to { $tickets }.
selection-draw-button = Enter the ticket
selection-everyone-lead = Everyone in the frozen pool is admitted. Confirm to mark them as selected.
selection-admit-everyone = Admit everyone
selection-drawn-summary = { $selected ->
    [one] 1 person selected
   *[other] { $selected } people selected
}, { $reserves ->
    [one] 1 reserve
   *[other] { $reserves } reserves
} in order.
selection-panel = Panel (pseudonyms)
selection-reserves = Reserves, in the order they are asked
selection-rank = Place
selection-eligible = Who can be drawn
selection-eligible-none = Nobody can be drawn right now.
selection-eligible-show = { $count ->
    [one] Show 1 person with their bands
   *[other] Show { $count } people with their bands
}
selection-registration = Registration number
public-selection = Selection
public-selection-lead = The panel is drawn from { $pool } people who registered, for { $seats } seats, with a lottery anyone can check.
public-selection-everyone = Fewer people registered ({ $eligible }) than there are seats ({ $seats }): everyone who registered and can attend is admitted; no lottery was needed.
public-selection-committed-at = Commitment published
public-selection-ticket = Ticket drawn in public:
public-selection-before-draw = The ticket has not been drawn yet. These fingerprints were published before the draw, so the lottery cannot be changed afterwards.
public-selection-files = Files to check
public-selection-verify = Download the files and check them with the g1000 program:
public-selection-pool-private = The file of the lottery pool (people.csv, with pseudonyms and characteristics) is not public: some combinations of characteristics are shared by fewer than { $min } people, who could be recognised. The organisers give it to the auditors they appoint, who can see from the SHA-256 above that it is the committed file.
# Confirmation, messages, the door and personal data
nav-outbox = Messages
nav-badges = Badges
nav-door = Check-in
nav-personal-data = Personal data
outbox-title = Messages to registrants
outbox-lead-smtp = Messages are sent by e-mail as soon as they are queued. Text messages (SMS) stay queued: export them.
outbox-lead-no-smtp = No mail server is set up, so messages stay queued. Export them as CSV for a mail merge.
outbox-filter = Show messages by status
outbox-all = All messages
outbox-status-queued = Queued
outbox-status-sending = Being sent
outbox-status-sent = Sent
outbox-status-failed = Failed
outbox-kind-registration-received = Registration received
outbox-kind-selected = Selected
outbox-kind-reserve = Reserve
outbox-kind-not-selected = Not selected
outbox-kind-replacement = Replacement invitation
outbox-export = Export as CSV
outbox-retry = Try failed messages again
outbox-empty = There are no messages yet.
outbox-created = Queued at
outbox-kind = Message
outbox-recipient = Recipient
outbox-subject = Subject
outbox-status = Status
outbox-purged = (personal data deleted)
outbox-requeued = { $count ->
    [one] 1 message is queued again.
   *[other] { $count } messages are queued again.
}
msg-footer = Your personal page (confirm, see, download or delete your data): { $link }
    This link is personal: do not share it.
msg-registration-received-subject = We received your registration for { $summit }
msg-registration-received-body = Dear { $name },
    Thank you for registering for { $summit } ({ $date }, { $venue }).
    We will let you know whether you have been drawn by lot.
msg-selected-subject = You have been drawn for { $summit }: please confirm
msg-selected-body = Dear { $name },
    You have been drawn by lot to take part in { $summit } on { $date } at { $venue }.
    Please confirm or decline as soon as possible through your personal page: { $link }
msg-seat-subject = Your seat at { $summit }: please confirm
msg-seat-body = Dear { $name },
    Thank you for registering: there is a seat for you at { $summit } on { $date } at { $venue }.
    Please confirm or decline as soon as possible through your personal page: { $link }
msg-reserve-subject = You are on the reserve list for { $summit }
msg-reserve-body = Dear { $name },
    You have not been drawn for { $summit } ({ $date }) yet, but you are on the reserve list.
    If a seat becomes free, we will invite you.
msg-not-selected-subject = The draw for { $summit }
msg-not-selected-body = Dear { $name },
    Thank you for registering. This time you have not been drawn for { $summit }.
    The results of the summit will be published for everyone.
msg-replacement-subject = A seat has become free for you at { $summit }: please confirm
msg-replacement-body = Dear { $name },
    A seat has become free at { $summit } on { $date } at { $venue }, and it is your turn on the reserve list.
    Please confirm or decline as soon as possible through your personal page: { $link }
msg-waiting-seat-subject = A seat has become free for you at { $summit }: please confirm
msg-waiting-seat-body = Dear { $name },
    A seat has become free at { $summit } on { $date } at { $venue }, and it is your turn on the waiting list.
    Please confirm or decline as soon as possible through your personal page: { $link }
badges-title = Badges
badges-lead = { $count ->
    [one] 1 confirmed participant. Each badge shows the name, the stakeholder group in its colour and a QR code for the check-in.
   *[other] { $count } confirmed participants. Each badge shows the name, the stakeholder group in its colour and a QR code for the check-in.
}
badges-all-pdf = All badges (PDF, A4)
badges-list = Confirmed participants
badges-code = Check-in code
badges-checked-in = Checked in
badges-one-pdf = Badge (PDF)
door-title = Check-in at the door
door-done = Welcome, { $name }!
door-already = { $name } is checked in already.
door-already-at = Checked in at { $at }.
door-unknown = Unknown code.
door-unknown-hint = No badge of this summit has this code. Check the code, or send the person to the information desk.
door-not-confirmed = This badge is not valid.
door-not-confirmed-status = The person's registration now says: { $status }.
door-preview = Badge of { $name }:
door-code = Code on the badge
door-code-hint = The code under the name, for example ABCD-EFGH-JKLM-N. Capitals and hyphens do not matter.
door-check-in = Check in
door-scan = Scan with the camera
door-scan-hint = Hold the badge's QR code in front of the camera. The code is checked in right away.
door-scan-start = Start the camera
door-scan-stop = Stop the camera
door-scan-error = The camera could not be started. Type the code instead.
door-attendance = Attendance per stakeholder group
door-attendance-total = { $in } of { $expected } confirmed participants are in.
door-checked-in = Checked in
door-expected = Confirmed
door-error-empty = Enter the code on the badge.
door-error-format = This is not a badge code. Check for typing errors.
reg-status-pool = registered
reg-status-waiting = on the waiting list
reg-status-unavailable = cannot come
reg-status-selected = selected, not yet confirmed
reg-status-reserve = reserve
reg-status-not_selected = not selected
reg-status-declined = declined
reg-status-confirmed = confirmed
reg-status-checked_in = checked in
reg-status-withdrawn = withdrawn
personal-title = Your registration
personal-status-pool = You are registered. You will hear from us after the draw.
personal-status-waiting = You are on the waiting list.
personal-status-unavailable = You registered, but you cannot come.
personal-status-selected = You have been drawn! Please confirm or decline below.
personal-status-reserve = You are on the reserve list. If a seat becomes free, we will invite you.
personal-status-not-selected = You have not been drawn this time.
personal-status-declined = You have declined. Thank you for letting us know.
personal-status-confirmed = You have confirmed. See you at the summit!
personal-status-checked-in = You are checked in. Welcome!
personal-status-no-show = You did not confirm before the deadline, so your seat has gone to someone on the reserve list. Thank you for your interest.
personal-status-withdrawn = You have withdrawn your registration.
personal-answered-confirmed = Thank you: your place is confirmed.
personal-answered-declined = Thank you: you have declined. Your seat goes to someone on the reserve list.
personal-answered-not-open = Your answer could not be recorded: your registration does not wait for an answer (any more).
personal-answer-choose = Choose confirm or decline.
personal-answer-title = Will you come?
personal-answer-when = The summit is on { $date } at
personal-confirm = Yes, I will come
personal-decline = No, I cannot come
personal-data-title = Your data
personal-data-text = You can download everything we hold about you, or delete it. Your ballots are never linked to you, so they are not included.
personal-data-about = Everything this summit's platform holds about your registration. Ballots are not included: they are never linked to a person.
personal-download = Download your data (JSON)
personal-delete = Delete your data
personal-delete-title = Delete your data?
personal-delete-what = Your name, contact details, access needs, badge and the messages we sent you will be deleted. This cannot be undone, and this link will stop working.
personal-delete-kept = What stays: your registration number with the bands you gave (without your name), and the audit record that this registration existed. Statements you made stay as anonymous text.
personal-delete-seat = You have a seat: deleting your data counts as declining, and your seat goes to someone on the reserve list.
personal-delete-yes = Yes, delete my data
personal-delete-confirm-missing = Confirm with the button that you want to delete your data.
personal-deleted-title = Your data is deleted
personal-deleted-text = Your name, contact details, access needs and messages have been deleted.
personal-deleted-kept = Your registration number and the bands you gave stay, without your name, together with the audit record.
personal-invalid-title = This link does not work
personal-invalid-text = This personal link is unknown, or the data behind it has been deleted. Check that you copied the whole link from your message, or contact the organisers.
retention-title = Personal data
retention-lead = After the retention date, the command "g1000 purge" deletes the personal data of this summit.
retention-purged = The personal data of this summit was deleted on { $at }.
retention-date = Retention date
retention-date-hint = Year-month-day, on or after the summit's date ({ $date }). For example three months after the summit.
retention-what-title = What is deleted, and what stays
retention-what = Deleted: names, e-mail addresses and phone numbers, access needs, personal links, badges, and the addresses and texts of messages.
retention-kept = Kept: the pseudonymous registration numbers with their bands and statuses, all counts, and the audit record (which holds no names).
retention-command = The operator runs it (for example daily) with:
retention-saved = The retention date is saved.
retention-error-empty = Enter a retention date.
retention-error-before = The retention date cannot be before the summit ({ $date }).

# Confirmation after the draw: deadline, counts, no-shows (issue 4)
confirmation-title = Confirmations
confirmation-lead = Selected people confirm or decline through the personal link in their message. A seat that comes free goes to the first reserve who keeps every quota.
confirmation-counts = Answers of the panel
confirmation-confirmed = Confirmed
confirmation-declined = Declined
confirmation-waiting = Waiting for an answer
confirmation-replaced = Replaced by a reserve
confirmation-unfilled = Free seats no reserve could take within the quotas
confirmation-deadline = Confirmation deadline
confirmation-deadline-hint = Year-month-day, on or before the summit ({ $date }). Who has not answered by the end of this day is a no-show.
confirmation-deadline-save = Save the deadline
confirmation-deadline-open = Selected people can answer until the end of { $date }.
confirmation-no-shows = { $count ->
    [0] The deadline has passed. There are no (more) no-shows.
    [one] The deadline has passed. 1 selected person did not answer (no-show).
   *[other] The deadline has passed. { $count } selected people did not answer (no-shows).
}
confirmation-replace-no-shows = Replace the no-shows with reserves
confirmation-error-after = The deadline cannot be after the summit ({ $date }).
confirmation-error-not-passed = The confirmation deadline has not passed yet (or is not set), so nobody is a no-show yet.
personal-deadline = Please answer by the end of { $date }.
## Seating (issue 5)
nav-seating = Seating
seating-title = Seating
seating-lead = The tables of the hall, and who sits where in every table round of the programme. Every table mirrors the hall (stakeholder group and the summit's attributes), nobody meets the same people twice if it can be avoided, wheelchair users sit at accessible tables and people with an interpreter at a table of their language.
seating-run-title = Seat the hall
seating-counts = { $people } participants (selected, confirmed or checked in), { $tables } tables with { $seats } seats, { $rounds } table rounds in the programme.
seating-run = Seat the hall
seating-run-again = Seat the hall again (replaces every hand move)
seating-running = Seating runs since { $at }.
seating-refresh = Refresh this page
seating-failed = The last seating run found no plan:
seating-metrics-title = Quality of the seating
seating-metric = Measure
seating-value = Value
seating-lower-bound = Lower bound
seating-metric-hard = Broken hard rules (capacity, access, language)
seating-metric-fc = Tables off their fair share (excess people)
seating-metric-pairs = Pairs who meet more than once
seating-metric-meet = Repeated meetings
seating-metric-host = Repeated visits to the same host
seating-metric-unique = Different pairs who meet
seating-print = Print table lists and table cards
seating-host-view = Table hosts' view
seating-composition-title = Composition per table
seating-rounds = Rounds
seating-round = Round { $n }
seating-chart-title = People per stakeholder group at every table
seating-composition-caption = People per stakeholder group at every table
seating-table = Table
seating-table-n = Table { $n }
seating-total = Total / seats
seating-lists-title = Who sits where
seating-hosted-by = host: { $name }
seating-empty = Nobody sits here in this round.
seating-move = Move
seating-tables-title = Tables
seating-no-tables = No tables yet. Add the hall's tables below.
seating-capacity = Seats
seating-accessible = Wheelchair accessible
seating-language = Language
seating-host = Host
seating-no-host = No host
seating-actions = Actions
seating-add-title = Add tables
seating-count = Number of tables
seating-add = Add tables
seating-done-tables-added = The tables are added.
seating-done-table-saved = The table is saved.
seating-done-table-deleted = The table is deleted.
seating-done-started = Seating has started. Refresh this page in a few seconds.
seating-done-moved = The person is moved.
seating-error-no-tables = Add the hall's tables first.
seating-error-no-rounds = The programme has no table rounds (rounds with a table size).
seating-error-no-people = There are no participants to seat yet (selected, confirmed or checked in).
seating-error-running = Seating is running already.
seating-error-table = Check the table: the number of tables is 1 to 500 and the seats 1 to 100.
seating-move-title = Move a person
seating-now-at = now at table { $n }
seating-move-to = Move to
seating-move-preview = Show the effect
seating-move-effect = The effect of a move to table { $n }
seating-before = Before
seating-after = After
seating-move-confirm = Move to table { $n }
seating-move-full = That table is full in this round. Choose another table, or move someone away from it first.
seating-print-title = Table lists and table cards
seating-print-lead = Print this page: every table list starts on a new page, and every table card fills a page.
seating-back = Back to seating
seating-cards-title = Table cards
seating-host-title = Your tables
seating-no-tables-here = No tables to show.
personal-tables-title = Your table
personal-table-round = Round { $round }: table { $table }
badge-tables = Table { $tables }

## The day, part B: proposals, votes, results, action groups (issue 6)
day-nav = The day
nav-proposals = Proposals
nav-votes = Votes
nav-actions = Action groups
nav-plans = Published proposals
nav-results = Results
saved-again = This was already saved: nothing was counted twice.
proposals-title = Proposals
proposals-lead = Each theme table writes its plan here. The table host drafts it and publishes it; once published everyone sees it. Facilitators can edit a published proposal, with a reason that is shown with it.
proposals-no-tables = You host no table yet, so you cannot write a proposal. Ask an organiser to assign you a table.
proposals-none = No proposals yet.
proposals-count = { $count ->
    [one] One proposal
   *[other] { $count } proposals
}
proposal-add = Add proposal
proposal-edit = Edit proposal
proposal-publish = Publish
proposal-withdraw = Back to draft
proposal-published = Published
proposal-draft = Draft
proposal-cost-n = cost € { $n }
proposal-edited-because = Edited by a facilitator: { $reason }
proposal-error-reason = Give a reason: it is shown with the proposal.
field-proposal-table = Table
field-proposal-title = Title
field-proposal-what = What do we propose?
field-proposal-why = Why?
field-proposal-who = Who does what?
field-proposal-ourselves = What can we do ourselves?
field-proposal-cost = Estimated cost in euros (optional)
hint-proposal-cost = Only needed for a vote with a budget.
field-proposal-reason = Reason for the change
hint-proposal-reason = This proposal is published: the reason is shown with it and kept in the audit record.
plans-title = Proposals of the day
plans-lead = Every published proposal of the theme tables.
plans-none = No proposal has been published yet.
votes-title = Votes
votes-none = No votes yet.
vote-new = New vote
vote-create = Create vote
vote-need-proposals = A vote needs at least two published proposals.
vote-status = Status
vote-turnout = Voted
vote-status-draft = not open yet
vote-status-open = open
vote-status-closed = closed
vote-method-approval = Approval (tick up to N)
vote-method-dots = Dot voting (N dots to spread)
vote-method-schulze = Ranking: Schulze
vote-method-stv = Ranking: single transferable vote (STV)
vote-method-mes = Budget: Method of Equal Shares
vote-method-greedy = Budget: most votes first
field-vote-title = Title
field-vote-method = Voting method
hint-vote-method = Every method is counted with a step-by-step explanation.
field-vote-max = Choices (approval: at most; dots: dots per person)
hint-vote-max = 0 means no limit for approval.
field-vote-seats = Places to fill
hint-vote-seats = For example 10 for a top 10.
field-vote-budget = Budget in euros
hint-vote-budget = Only for the budget methods; each proposal then needs a cost.
field-vote-hide = Hide the results until the vote closes
field-vote-options = Proposals on the ballot
vote-error-options = Choose at least two published proposals.
vote-error-dots = Dot voting needs at least one dot per person.
vote-error-budget = A budget method needs a budget above 0.
vote-error-costs = A budget method needs a cost for every chosen proposal.
vote-seats-n = { $count ->
    [one] one place
   *[other] { $count } places
}
vote-hidden-until-close = results hidden until the vote closes
vote-turnout-n-of-m = { $n } of { $m } voted
vote-turnout-n = { $n } voted
vote-paper-n = { $n } on paper
vote-open = Open the vote
vote-close = Close the vote
vote-projector = Projector view
vote-paper-title = Enter a paper ballot
vote-paper-lead = For someone without a phone: enter their paper ballot. It is counted like every other ballot; only the number of paper ballots is kept.
vote-paper-add = Add paper ballot
vote-not-open = This vote is not open.
vote-no-ballots = No ballots yet.
vote-result = Result
vote-result-ballots = { $count ->
    [one] Counted from one ballot.
   *[other] Counted from { $count } ballots.
}
vote-explanation = How it was counted, step by step
vote-results-hidden = The results are shown when the vote closes.
results-title = Results
results-none = No vote has been opened yet.
results-open-data = Open data
results-open-data-lead = Every ballot, without any link to who cast it, in random order: recount it yourself.
results-ballots-csv = Ballots (CSV)
results-ballots-json = Ballots (JSON)
ballot-legend-rank = Give your favourite place 1, your next place 2, and so on. You may leave options out.
ballot-legend-dots = { $n ->
    [one] You have one dot: put it on an option.
   *[other] Spread your { $n } dots over the options (several on one option is allowed).
}
ballot-legend-approve-max = { $n ->
    [one] Tick one option.
   *[other] Tick up to { $n } options.
}
ballot-legend-approve = Tick the options you support.
ballot-unranked = not ranked
ballot-place-n = place { $n }
ballot-error-empty = Choose at least one option.
ballot-error-option = Choose among the options shown.
ballot-error-too-many = { $n ->
    [one] Tick at most one option.
   *[other] Tick at most { $n } options.
}
ballot-error-dots = { $n ->
    [one] You have one dot.
   *[other] You have { $n } dots in all; use whole numbers.
}
ballot-error-rank = Choose a place for each ranked option.
ballot-error-rank-twice = Each place can be given only once.
ballot-saved = Your vote has been saved. You can change it until the vote closes.
ballot-changed = Your vote has been changed. You can change it until the vote closes.
ballot-other-device = You have voted already, on another phone or browser. Change your vote there; only that device holds the key to your secret ballot.
tally-setup-approval = { $ballots } ballots; the { $seats } options with the most votes win (equal votes: the earlier option first).
tally-setup-dots = { $ballots } ballots; the { $seats } options with the most dots win (equal dots: the earlier option first).
tally-setup-schulze = { $ballots } ranked ballots, { $options } options. A ranked option counts as preferred to every unranked one; for every pair the margin is counted, and a chain of wins is as strong as its weakest margin.
tally-setup-stv = { $ballots } ballots with a first choice, { $seats } places: an option is elected with { $quota } votes.
tally-setup-mes = A budget of { $budget } is shared equally by { $ballots } voters ({ $share_per_voter } each). A voter pays only for options they voted for.
tally-setup-greedy = Budget { $budget }; { $ballots } ballots. Options are taken in order of votes, each funded if it fits in what is left.
tally-selected = Round { $round }: { $option } is chosen.
tally-skipped = Round { $round }: { $option } is not chosen.
tally-eliminated = Round { $round }: { $option } drops out.
tally-tie = Round { $round }: a tie; { $option } goes first by the order of the ballot.
tally-run = A new count: { $option }
tally-stop = The count ends.
tally-num-ballots = ballots
tally-num-seats = places
tally-num-votes = votes
tally-num-points = dots
tally-num-place = place
tally-num-quota = quota
tally-num-budget = budget
tally-num-budget_left = budget left
tally-num-cost = cost
tally-num-counts = counts
tally-num-exact_rounds = exact rounds
tally-num-options = options
tally-num-pay_all_they_have = supporters paying all they have left
tally-num-payment_per_supporter = payment per supporter
tally-num-rho = price per unit of cost
tally-num-share_per_voter = share per voter
tally-num-spent = spent
tally-num-strength_against = strongest chain against
tally-num-strength_back = strongest chain back
tally-num-supporters = supporters
tally-num-supporters_money_left = supporters' money left
tally-num-run = count
actions-title = Action groups
actions-lead = After the vote, one action group carries each chosen proposal on. Participants sign up on their phone; each group has one contact person.
actions-none = No action groups yet.
actions-group = Group
actions-members = Members
actions-member = Member
actions-contact = Contact person
actions-export = Export (CSV)
actions-make = Make the action groups
actions-from-vote = From the result of
actions-members-n = { $count ->
    [one] One member
   *[other] { $count } members
}
actions-no-members = Nobody has signed up yet.
actions-shares = Shares contact details
actions-volunteer = volunteers as contact person
actions-is-contact = Contact person
actions-make-contact = Make contact person
actions-yes = yes
actions-no = no
ballot-my-votes = Votes
ballot-no-votes = No vote is open yet.
ballot-vote-in = Vote: { $title }
ballot-result-of = Result: { $title }
ballot-secret = Your ballot is secret: nobody can see what you chose. Until the vote closes you can change it here, on this phone.
ballot-cast = Cast my vote
ballot-change = Change my vote
ballot-closed = This vote is closed.
ballot-closed-yours = Your ballot was counted.
actions-signup-lead = Sign up for the action group of a chosen proposal to carry it on after today.
actions-you-joined = you are a member
actions-consent = I agree that my name, e-mail address and phone number are shared with this group.
actions-volunteer-label = I volunteer as the group's contact person (needs the box above).
actions-join = Join
actions-update = Save my choices
actions-leave = Leave this group
## The day (issue 6, part A)
day-start-title = Open your screen for the day
day-start-lead = Type the code on your badge. Your phone then shows the current round, your table and what you can do.
day-start-open = Open my screen
day-unknown-hint = No badge of this summit has this code. Check the code, or ask a table host or the information desk.
day-not-confirmed-hint = This badge does not belong to a confirmed participant. Ask the information desk.
day-wait = { $seconds ->
    [one] Too many wrong codes were sent from this connection. Wait 1 second and try again.
   *[other] Too many wrong codes were sent from this connection. Wait { $seconds } seconds and try again.
}
day-badge-question = Is this your badge? Open your own screen for the day on this phone.
day-badge-code = Badge code: { $code }
day-badge-open = This is my badge: open my screen
day-badge-crew = Door crew: log in to check this person in
day-round-of = Round { $n } of { $total }
day-not-started = The programme has not started yet
day-not-started-lead = Welcome! This screen follows the programme: as soon as the first round starts, you see it here.
day-your-table = Your table: { $n }
day-leave = Close my screen on this phone
day-closed = Your screen is closed on this phone. To open it again, type your badge code.
day-time-left = Time left:
day-paused = paused
day-keywords-title = Your keywords
day-keyword = Keyword
day-keyword-hint = One or a few words about what your table found important. Send as many as you like, one at a time.
day-keyword-send = Send
day-keyword-empty = Type a keyword first.
day-keyword-long = A keyword has at most { $max } characters; this one has { $count }.
day-saved = Saved.
day-saved-text = “{ $text }” has arrived.
day-my-keywords = Sent by you in this round
day-console-title = Facilitator console
day-screen-link = Projector
day-host-link = Table hosts
day-stale = The programme had already moved on (perhaps another facilitator clicked first). This is where it stands now.
day-pause = Pause the timer
day-resume = Resume the timer
day-previous = Previous round
day-next = Next round
day-start = Start the programme
day-count-in = Checked in
day-count-phones = Phones connected
day-count-keywords = Keywords this round
day-count-contributors = Tables and people who sent keywords
day-programme = Programme
day-round = Round
day-question = Question
day-minutes = Minutes
day-go = Go to
day-go-to = Go to round { $n }
day-now = now
day-moderation = Moderation
day-moderation-hint = Hide, edit or merge a keyword. Give a reason: it is shown here and kept in the audit record. The original text is always kept.
day-no-keywords = No keywords yet.
day-original = sent as “{ $text }”
day-in-round = round { $n }
day-by-table = entered by a table host
day-by-participant = from a participant
day-hidden = hidden
day-reason-shown = Reason: { $reason }
day-reason = Reason
day-reason-empty = Give a reason for this change.
day-reason-long = A reason has at most { $max } characters.
day-hide = Hide
day-show = Show again
day-edit-text = New text
day-edit = Save the text
day-merge-into = Merge into
day-merge = Merge
day-merge-choose = Choose the keyword to merge into.
day-synonyms = Synonyms
day-synonyms-hint = A synonym counts as another word in the word cloud (for example “bike” as “bicycle”).
day-synonym-word = Word
day-synonym-canonical = Counts as
day-synonym-add = Add the synonym
day-cloud-title = Word cloud
day-cloud-empty = No keywords yet.
day-cloud-table = Keywords and how often they were sent
day-count = Count
day-host-title = Your tables today
day-host-no-tables = No tables of yours in this round.
day-table = Table { $n }
day-present-count = { $present } of { $seated } present
day-present = present
day-absent = absent
day-mark-present = Present
day-mark-absent = Absent
day-host-keyword = Keyword for table { $n }
day-theme-empty = Give the theme a name.
day-themes = Themes
day-themes-hint = Adopt a suggested theme, or make one by hand; rename or merge themes, and move keywords between them (to split a theme, make a new one and move keywords to it). Every change is kept in the audit record.
day-theme-keywords = { $count ->
    [one] 1 keyword
   *[other] { $count } keywords
}
day-theme-name = Name
day-theme-rename = Rename
day-suggestions = Suggested themes (keywords not in a theme yet)
day-suggestion-adopt = Adopt as a theme
day-theme-new = New theme
day-theme-add = Add the theme
day-theme-of = Theme
day-theme-set = Put in this theme
day-vote-title = Theme vote
day-vote-legend = Your dots per theme
day-dots-lead = { $count ->
    [one] You have 1 dot. Put it on the theme you most want to work on this afternoon.
   *[other] You have { $count } dots. Spread them over the themes you most want to work on this afternoon (several on one theme is fine).
}
day-vote-send = Save my dots
day-voted = Your dots are counted. You can change them until the vote closes.
day-vote-closed = The theme vote is closed.
day-dots-number = Give a whole number of dots (0 or more) for “{ $theme }”.
day-dots-too-many = You gave { $count } dots; you have { $max }.
day-dots-range = The number of dots per participant is 1 to 20.
day-dots = Dots per participant
day-dots-hint = How many dots every participant may spread over the themes.
day-vote-open = Open the vote
day-vote-close = Close the vote
day-vote-status-none = The theme vote has not been opened.
day-vote-status-open = The theme vote is open.
day-vote-status-closed = The theme vote is closed.
day-voters = { $count ->
    [one] 1 participant voted
   *[other] { $count } participants voted
}
day-voters-col = Voters
day-vote-results = The count
day-dots-count = { $count ->
    [one] 1 dot
   *[other] { $count } dots
}

## Common ground (issue 7): the statements round
st-title = Statements
st-go = Statements: write and vote
st-not-secret = Your votes here are opinion votes, not a secret ballot: they are stored with your participant number (never with your name), so that the map can show which opinions go together.
st-not-now = There is no statements round at the moment. This page comes alive when the facilitator starts one.
st-back-day = Back to my screen for the day
st-vote-title = Agree or disagree?
st-vote-saved = Your vote has been counted.
st-left = { $left ->
    [0] No statements left of { $total }.
    [one] 1 statement left of { $total }.
   *[other] { $left } statements left of { $total }.
}
st-agree = Agree
st-disagree = Disagree
st-pass = Pass / unsure
st-your-vote = Your vote now: { $vote }. Choose again to change it.
st-done = You have voted on every statement for now.
st-check-new = Check for new statements
st-send-title = Write a statement
st-statement = Statement
st-statement-hint = One short, clear statement that others can agree or disagree with (at most 140 characters). A facilitator reads it before it is shown.
st-send = Send the statement
st-saved-text = “{ $text }” has arrived; a facilitator reads it before it is shown.
st-empty = Type a statement first.
st-long = A statement has at most { $max } characters; this one has { $count }.
st-mine = Your statements
st-status-pending = waiting for a facilitator
st-status-approved = shown
st-status-hidden = hidden
st-my-votes = Your votes
st-change = Change
st-console-title = Statements and common ground
st-results-link = Public results
st-count-pending = Waiting
st-count-approved = Shown
st-count-hidden = Hidden
st-count-voters = Participants who voted
st-count-votes = Votes
st-count-groups = Opinion groups
st-moderation-hint = Approve a statement to show it to the participants; hide or edit it with a reason (shown here and kept in the audit record). The original text is always kept.
st-none = No statements yet.
st-approve = Approve
st-edit = Save the text and show it
st-by-facilitator = added by a facilitator
st-add-title = Add a statement
st-add-hint = A statement added here is shown to the participants at once.
st-add = Add the statement
st-map-title = Opinion map
st-map-desc = { $participants } participants in { $groups } opinion groups. People who vote alike are close together; each group has its own colour and shape.
st-group = Group { $letter }
st-members = { $count ->
    [one] 1 participant
   *[other] { $count } participants
}
st-unclustered = Not yet in a group
st-axis-x = first opinion dimension
st-axis-y = second opinion dimension
st-counts = { $participants } participants, { $groups } opinion groups, { $votes } votes.
st-no-votes = No votes yet.
st-common-title = Common ground
st-common-hint = Statements that a majority of every opinion group agrees with.
st-common-empty = No common ground yet.
st-share = { $percent }% agree ({ $agree } of { $votes })
st-theme-name = Theme name
st-carry = Make it an agenda theme
st-carried = Made into the theme “{ $theme }”.
st-results-title = Common ground: the statements
st-results-lead = { $count ->
    [one] 1 statement was voted on.
   *[other] { $count } statements were voted on.
}
## Theme tables (the top themes of the dot vote become a round's tables)
day-your-theme-table = Your table: { $n } — theme: { $theme }
day-dots-use = Your dots are used to seat you at a theme you chose, so they are stored with your registration (unlike the secret ballots of the later votes). Everyone sees only the totals.
day-host-theme = Theme: { $theme }
day-theme = Theme
day-theme-tables = Theme tables
day-theme-tables-hint = After the dot vote closes, choose how many of the top themes get tables in a round. More dots on a theme means a higher place in that person's ranking; everyone is seated at the best theme there is room for, people without dots where there is room. Hosts stay at their tables; wheelchair and interpreter needs are kept. This replaces that round's seats.
day-theme-tables-no-rounds = The programme has no table round.
day-theme-tables-round = Round for the theme tables
day-theme-tables-count = Number of themes
day-theme-tables-count-hint = Suggested from the hall size and the table size; at most { $max } (the themes that got dots).
day-theme-tables-start = Seat the theme tables
day-theme-tables-round-of = Theme tables of round { $n }.
day-theme-tables-status-running = The seating engine is placing everyone at a theme…
day-theme-tables-failed = Seating at the theme tables failed:
day-theme-tables-choices = Of { $seated } people, { $first } sit at their 1st choice, { $second } at their 2nd, { $lower } at a lower choice and { $unranked } at a theme they gave no dots.
day-theme-tables-caption = Themes and their tables
day-theme-tables-tables = Tables
day-theme-tables-people = People
day-theme-tables-vote-not-closed = Close the theme vote first: the theme tables are seated from its final dots.
day-theme-tables-no-hall = There are no tables or no participants to seat yet.
day-theme-tables-count-range = Choose 1 to { $max } themes (the themes that got dots).
day-theme-tables-too-many = There are only { $tables } tables: choose at most that many themes.
day-theme-tables-running = Theme tables are being seated already; wait until that run has finished.
st-online-title = Statements online
st-online-lead = Before the summit, everyone in the community can write statements and vote on other people's. They feed the same opinion map and common ground as the day itself.
st-online-not-secret = Your votes here are opinion votes, not a secret ballot: they are stored with a random number kept in a cookie of this browser (never with your name), so that the map can show which opinions go together. One browser, one voice.
st-online-closed = The online statements page is not open at the moment.
st-online-is-open = The online statements page is open for the whole community.
st-online-is-closed = The online statements page is closed.
st-online-link = Go to the page
st-online-open = Open it for the community
st-online-close = Close the online page
