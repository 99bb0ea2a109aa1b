site-description = Parvis: the city's internships, urban innovation and collaborative workspaces.
skip-to-content = Skip to content
footer-text = Parvis — the city's collaborative platforms.
nav-label = Main navigation
nav-stages = Internships
nav-innovation = Innovation
nav-espaces = Workspaces
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-admin = Administration
nav-account = My account
loading = Loading…
save = Save
saved = Saved.
search = Search
back-home = Back to the home page

home-title = Parvis, where the city meets
home-lead = Three collaborative platforms: find an internship, share urban innovation, work together.
stages-summary = The internship marketplace: services publish their offers, candidates apply and follow their applications live.
stages-details = Over 3,000 interns a year, 28 departments and close to 300 trades.
innovation-summary = The reference site for urban innovation, independent of any vendor, and its community of cities.
innovation-details = Articles reviewed by the editors, with a declaration of interests, and exchanges between local governments worldwide.
espaces-summary = Workspaces opened in minutes to staff and outside partners: documents, forum, calendar and a wiki written together live.
espaces-details = Each department opens its own spaces, without going through IT.

not-found-title = Page not found
not-found-text = This page does not exist, or no longer does.
sign-in-needed-title = Sign-in needed
sign-in-needed-text = Sign in to see this page.
forbidden-title = Access refused
forbidden-text = Your account does not hold the role needed to see this page.
error-page-title = Something went wrong

error-invalid = Some fields need correcting.
error-bad-credentials = Wrong email address or password.
error-unauthenticated = You need to be signed in.
error-forbidden = You are not allowed to do this.
error-not-found = Not found.
error-rate-limited = Too many attempts. Try again in a few minutes.
error-internal = An internal error occurred; it has been logged. Please try again later.
error-transport = The request could not be processed. Check what you entered and try again.
error-reset-link-invalid = This reset link is no longer valid. Ask for a new one.
field-taken = Another item already has this value.
error-role-duplicate = This account already holds this role.
error-role-self-revoke = You cannot remove your own administrator role.
error-cross-site = Request refused: it does not come from this site.
error-unknown-language = Unknown language.

field-required = This field is required.
field-email-invalid = Enter a valid email address, such as name@example.org.
field-email-taken = An account already uses this address.
field-password-short = The password must be at least 10 characters long.
field-password-long = The password cannot be longer than 128 characters.
field-password-wrong = The current password is wrong.
field-name-invalid = The name must be at most 80 characters, with no control characters.
field-code-invalid = The code is required, without spaces, 40 characters at most.
field-unknown = This item does not exist.
field-time-zone = Choose a time zone from the list (for example Europe/Paris).
field-scope-service = This role is given for a service: choose a service.
field-scope-direction = This role is given for a department: choose a whole department.

field-email = Email address
field-password = Password
field-display-name = Display name
field-current-password = Current password
field-new-password = New password
password-show = Show
password-hide = Hide
password-hint = At least { $min } characters. An easy-to-remember sentence works well.

sign-in-title = Sign in
sign-in-submit = Sign in
forgot-link = Forgot your password?
no-account-yet = No account yet?
sign-up-title = Create an account
sign-up-lead = An account lets you apply for internships and take part in the innovation community.
sign-up-submit = Create my account
have-account = Already have an account?

account-title = My account
account-roles = My roles
sign-out = Sign out
password-change-title = Change password
password-change-lead = Your other sessions will end; this one stays open.
password-change-submit = Change password
password-changed = Password changed. Your other sessions have ended.
account-time-zone-title = Time zone
account-time-zone-lead = Dates and times on the site are shown to you in this zone. "—": the city's ({ $city }).
account-time-zone-field = Time zone
account-time-zone-submit = Save the time zone
account-time-zone-saved = Time zone saved.

forgot-title = Forgotten password
forgot-lead = Enter your address: if an account uses it, you will get a link to choose a new password.
forgot-submit = Send me the link
forgot-sent = If an account uses this address, a message has just been sent to it.
reset-title = Choose a new password
reset-submit = Save the password

mail-reset-subject = Parvis: choose a new password
mail-reset-body = Hello { $name },

    To choose a new password, open this link (valid { $minutes } minutes, once):
    { $link }

    If you did not ask for this, ignore this message: your password does not change.

    — Parvis

role-candidate = Candidate
role-member = Member
role-host-agent = Host agent
role-direction-admin = Department administrator
role-editor = Editor
role-site-admin = Site administrator

jobs-admin-title = Background jobs
jobs-admin-intro = Sends (mails) that failed: those "retrying" are tried again by themselves, further and further apart; those "failed" wait for you to retry them.
jobs-admin-none = No failed or retrying job.
jobs-admin-kind = Job
jobs-admin-state = State
jobs-admin-attempts = Attempts
jobs-admin-error = Last error
jobs-admin-created = Created
jobs-admin-next = Next attempt
jobs-admin-retry = Retry
jobs-admin-failed = Failed
jobs-admin-retrying = Retrying
admin-title = Role administration
admin-search-label = Find an account (address or name)
admin-role = Role
admin-scope = Scope
admin-scope-none = Whole site
admin-whole-direction = whole department
grant = Grant
revoke = Remove

reference-title = Reference data
reference-summary = { $directions } departments, { $metiers } trades, { $fields } fields.
reference-name = Name
reference-directions = Departments and services
reference-metiers = Trade families
reference-fields = Innovation fields
reference-add = Add an item
reference-add-help = A department and a field need a code; a service needs its department, a trade its family; a field also has an English name.
reference-kind = Kind of item
reference-kind-direction = Department
reference-kind-service = Service
reference-kind-family = Trade family
reference-kind-metier = Trade
reference-kind-field = Field
reference-parent = Belongs to
reference-parent-none = (none)
reference-code = Code
reference-name-en = English name
rename = Rename

offers-manage = Manage my offers
offers-open-count = { $count } offers open for applications
offers-none = No offer yet.
offer-new = New offer
offer-edit = Edit the offer
offer-title = Title
offer-state = State
offer-state-draft = Draft
offer-state-published = Published
offer-state-filled = Filled
offer-state-closed = Closed
offer-state-archived = Archived
offer-move-published = Publish
offer-move-filled = Mark as filled
offer-move-closed = Close
offer-move-archived = Archive
offer-direction = Department
offer-service = Host service
offer-metier = Trade
offer-education = Education level
offer-discipline = Field of study
offer-duration = Duration
offer-duration-weeks = Duration (weeks, 26 at most)
offer-weeks = weeks
offer-start = Starts
offer-start-month = Starting month
offer-deadline = Apply before
offer-places = Places
offer-location = Location
offer-address = Address
offer-arrondissement = Arrondissement
offer-remote = Remote work (days a week)
offer-remote-days = Remote days a week (0 to 5)
offer-gratification = Internship pay
offer-paid = Paid internship
offer-unpaid = Unpaid internship
offer-paid-label = Paid internship
offer-paid-hint = Beyond { $weeks } weeks (two months) pay is required by law: it applies whatever this box says.
offer-contact = Contact
offer-contact-email = Contact address
offer-description = Tasks
offer-profile = Profile sought
offer-not-open = This offer does not take applications.
offer-outside-paris = Outside Paris
offer-details = About this internship
education-bac = Baccalauréat
education-bac2 = 2 years of higher education
education-bac3 = Bachelor (3 years)
education-bac5 = Master (5 years)
education-doctorat = Doctorate
markdown-hint = Markdown formatting: **bold**, *italic*, lists with "- ", links [text](https://…).
month-hint = Format YYYY-MM, for example 2027-03.
date-hint = Format YYYY-MM-DD, for example 2027-01-31.
# Dates as people read them (server::human_dates): "June 2027", "1 June 2027", "30 November 2026 at 04:37".
date-month-1 = January
date-month-2 = February
date-month-3 = March
date-month-4 = April
date-month-5 = May
date-month-6 = June
date-month-7 = July
date-month-8 = August
date-month-9 = September
date-month-10 = October
date-month-11 = November
date-month-12 = December
date-first-day = 1
date-month-year = { $month } { $year }
date-day = { $day } { $month } { $year }
date-instant = { $date } at { $hour }:{ $minute }
arrondissement-hint = 1 to 20; leave empty outside Paris.
pagination = Result pages
previous = Previous page
next = Next page
field-offer-title = The title must be 5 to 150 characters long.
field-offer-description = Describe the tasks (20,000 characters at most).
field-too-long = This text is too long.
field-characters = This text holds an invisible control character (often pasted from another program): remove it.
field-offer-duration = Enter a duration of 1 to 26 weeks.
field-month = Enter a month as YYYY-MM.
field-date = Enter a date as YYYY-MM-DD.
field-deadline-past = The deadline has already passed.
field-deadline-after-start = The deadline must come before the internship starts.
field-offer-places = Enter 1 to 50 places.
field-arrondissement = Enter an arrondissement from 1 to 20, or leave it empty.
field-remote-days = Enter 0 to 5 days.
error-offer-archived = An archived offer can no longer be changed.
error-offer-move = This change of state is not possible from the current state.
error-offer-changed = The offer changed in the meantime; reload the page.
error-same-change-meanwhile = Someone made the same change at the same moment; reload the page to see it, then try again if needed.
error-gone-meanwhile = What this change refers to was just removed; reload the page.
error-busy-retry = The site is busy for a moment; try again.
offers-feed = Atom feed of this search
feed-offers-title = Parvis — internship offers
feed-offers-search-title = Parvis — internship offers: “{ $words }”
feed-offers-filtered-title = Parvis — internship offers (search)
feed-offer-summary = { $direction } · { $service } — { $metier } — { $weeks } weeks from { $start } — apply before { $deadline }
nav-my-applications = My applications
nav-my-offers = My offers
cv-title = My CV
cv-none = You have not uploaded a CV yet.
cv-current = See my CV
cv-file = PDF file
cv-hint = A PDF of { $max } MB at most. It replaces the previous one; only the services you apply to see it.
cv-upload = Upload the CV
cv-saved = CV saved.
cv-of-candidate = See the CV
field-cv-too-big = This file is too large.
field-cv-not-pdf = This file is not a PDF.
applications-title = My applications
applications-none = You have not applied to any offer yet.
applications-browse = See the offers
applications-received = Applications received
applications-none-received = No application yet.
application-spontaneous = Spontaneous application
application-withdraw = Withdraw my application
application-state-received = Received
application-state-in_review = Under review
application-state-interview = Interview
application-state-accepted = Accepted
application-state-declined = Declined
application-state-withdrawn = Withdrawn
application-state-expired = Expired
application-move-in_review = Review
application-move-interview = Invite to an interview
application-move-accepted = Accept
application-move-declined = Decline
apply-title = Apply
apply-sign-in = Sign in to apply
apply-done = You applied. State of your application:
apply-letter = Cover letter
apply-letter-hint = A few paragraphs: what draws you to this internship, what you can bring.
apply-submit = Send my application
apply-candidates-only = Only candidate accounts can apply.
error-offer-closed = This offer no longer takes applications.
error-already-applied = You have already applied to this offer.
error-application-move = This change is not possible from the application's current state.
mail-application-received-subject = New application: { $title }
mail-application-received-body = Hello,

    { $name } has just applied to the offer "{ $title }".
    Application, letter and CV: { $link }

    — Parvis
mail-spontaneous-received-subject = New spontaneous application: { $title }
mail-spontaneous-received-body = Hello,

    { $name } has sent a spontaneous application to the direction "{ $title }".
    It waits in the direction's pool: { $link }

    — Parvis
mail-application-moved-subject = Your application: { $title }
mail-application-moved-body = Hello { $name },

    Your application "{ $title }" is now: { $state }.
    { $answer }
    Your application: { $link }

    — Parvis
field-directions-count = Choose one to five departments.
error-already-applied-direction = A spontaneous application to one of these departments is already waiting for an answer.
spontaneous-title = Spontaneous application
spontaneous-lead = No offer fits? Offer yourself to one or several departments (five at most): your application joins their pool.
spontaneous-directions = Departments
spontaneous-family = Trade family (optional)
spontaneous-family-any = Any
spontaneous-submit = Send my spontaneous application
spontaneous-sent = Application sent. Follow it in "My applications".
spontaneous-link = Send a spontaneous application
spontaneous-pool = Spontaneous applications to my department
dashboard-title = Selection dashboard
dashboard-export = Export the applications (CSV)
dashboard-answer-times = Time to first answer
dashboard-answer-help = From the application to an agent's first decision (review, interview, acceptance or refusal).
dashboard-by-direction = By department
dashboard-by-service = By service
dashboard-unit = Department or service
dashboard-answered = Answered
dashboard-waiting = Waiting
dashboard-median = Median
dashboard-p90 = 90th percentile
dashboard-waiting-title = To handle
dashboard-spontaneous = Spontaneous applications waiting:
dashboard-expiring = Offers closing within seven days
dashboard-expiring-none = No offer closes within seven days.
dashboard-offers = Applications per offer and state
search-words = Keywords
search-any = Any
search-none = None
search-not-direction = Except the department
search-family = Trade family
search-duration = Duration
search-remote = Remote work possible
search-sort = Sort by
search-sort-relevance = Relevance
search-sort-recent = Most recent
search-sort-deadline = Closest deadline
search-reset = Clear the criteria
alerts-title = My alerts
alerts-lead = For each saved search, you get an email when new offers match it. Each also has its Atom feed.
alerts-none = No saved search.
alerts-go-search = Search offers
alerts-feed = Atom feed
alerts-delete = Stop following
alerts-every-offer = Every offer
alerts-save = Alert me of new offers
alerts-saved = Search saved: you will get an email.
alerts-sign-in = Sign in to be alerted of new offers
error-saved-searches-full = You already follow 20 searches: delete one before adding another.
mail-alert-subject = { $count } new offer(s) for your search
mail-alert-body = Hello { $name },

    New offers match your search:
    { $offers }
    Every offer of this search: { $search }
    Manage your alerts: { $manage }

    — Parvis
mail-message-subject = New message: { $title }
mail-message-body = Hello,

    A new message is waiting on the application of { $name } ("{ $title }"):
    { $link }

    — Parvis
answer-default-accepted = Hello,

    We are pleased to accept your application. The person who will supervise your internship will contact you very soon to arrange the details.

    Kind regards,
answer-default-declined = Hello,

    Thank you for your interest in our services. After careful review, we are unable to take your application further. We hope you soon find the internship that suits you.

    Kind regards,
file-title = Application file
file-open = Open the file
file-offer = Offer
file-spontaneous = Spontaneous application
file-history = History
file-history-created = Application sent
file-by = by
file-messages = Messages
file-messages-none = No message yet.
file-message-body = Your message
file-message-send = Send
file-message-sent = Message sent.
file-from-candidate = Candidate
file-from-agent = Host service
file-notes = Internal notes
file-notes-hint = Seen only by the agents following this application, not by the candidate on their page.
file-notes-none = No note.
file-note-body = New note
file-note-add = Add the note
file-decide = Decision
file-answer = Answer sent to the candidate
file-answer-hint = Your department's template, to adapt before sending.
file-letter = Cover letter
file-email = Address
direction-settings = Department settings
direction-settings-lead = Answer templates go with each decision; the chosen agents handle the pool of spontaneous applications with you.
answer-templates = Answer templates
answer-template-accepted = Answer when accepted
answer-template-declined = Answer when declined
answer-template-save = Save the template
answer-template-saved = Template saved.
pool-handlers = Agents handling the pool
pool-handlers-none = No agent chosen: only the department's admins handle the pool.
pool-handler-add = Add
pool-handler-remove = Remove
pool-handler-choose = Agent of the department
pool-handler-no-agent = No other agent in the department's services.
error-not-direction-agent = This person is not an agent of a service of the department.
search-duration-min = Shortest duration
search-start = Starting from
filters-title = Filters
filters-active-before-count = active:
filters-active = Active filters
filters-remove = Remove the filter
filters-clear = Clear the filters
filters-apply = Apply
filters-chosen = chosen, remove
filters-more = Show { $count } more
search-except = Except { $direction }
profile-title = My profile
profile-lead = The services that receive your applications read this with your letter and CV. Everything is optional.
profile-school = School or university
profile-phone = Phone
profile-presentation = A few lines about you
profile-save = Save my profile
profile-saved = Profile saved.
field-phone = Enter a phone number (digits, spaces, +, dots or dashes).
innovation-rules = Independence rules
innovation-my-fiches = My articles
innovation-review-queue = Articles to review
innovation-fiches = Articles
fiche-fields = Fields
fiche-country = Country
fiche-maturity = Maturity
fiche-language = Language
fiche-place = Place
fiche-year = Year started
fiche-cost = Cost range
fiche-funding = Funding
fiche-contact = City or body to contact
fiche-results = Results and evidence
fiche-results-hint = What was measured, by whom, with which figures.
fiche-lessons = Lessons learned
fiche-sources = Sources
fiche-sources-hint = One link per line (https://…).
fiche-tags = Tags
fiche-tags-hint = Separated by commas.
fiche-interests = Declaration of interests
fiche-interests-hint = Are you linked to a vendor or to the city described? Say so here, or write "No link". It is published with the article.
fiche-by = By
fiche-published = published on
fiche-new = New article
fiche-none = You have not written an article yet.
fiche-follow = Editorial follow-up
fiche-edit = Edit the article
fiche-title = Title
fiche-summary = Summary
fiche-body = Article text
fiche-city = City
fiche-save = Save the draft
fiche-desk = Article follow-up
fiche-public-page = See the published article
fiche-submit = Submit for review
fiche-warnings = Independence checks
fiche-warnings-none = No sign of promotion found.
fiche-warning-link = Link to a commercial site
fiche-warning-brand = Brand or product name
fiche-warning-superlative = Superlative or promotional phrase
fiche-warning-call-to-buy = Call to buy
fiche-reviews = Reviews
fiche-reviews-none = No review yet.
fiche-revisions = Versions
fiche-revision = Version
fiche-diff-from = Compare version
fiche-diff-to = with version
fiche-diff = Compare
fiche-review = Review
fiche-review-comment = Comment for the author
fiche-review-acknowledge = I have examined the signs of promotion listed above and the article follows the independence rules.
fiche-queue-empty = No article is waiting for review.
fiche-promo-terms = Watched brands and products
fiche-promo-term = Brand or product name
fiche-promo-add = Add
fiche-state-draft = Draft
fiche-state-submitted = Under review
fiche-state-changes_requested = Changes requested
fiche-state-published = Published
fiche-state-rejected = Rejected
maturity-idea = Idea
maturity-pilot = Pilot
maturity-deployed = Deployed
maturity-scaled = Scaled
maturity-stopped = Stopped
review-comment = Comment
review-request_changes = Ask for changes
review-reject = Reject
review-publish = Publish
review-acknowledge-required = Tick the box: signs of promotion were found.
fiche-field-title = The title must have 5 to 150 characters.
fiche-field-summary = The summary must have 20 to 600 characters.
fiche-field-body = The text must have at least 50 characters.
fiche-field-fields = Choose one to four fields.
fiche-field-year = Enter a year between 1900 and this year.
fiche-field-sources = One full link per line, starting with https:// or http://.
fiche-field-interests = The declaration of interests is required ("No link" if so).
error-fiche-under-review = The article is under review: wait for the decision to change it.
error-fiche-not-submittable = This article cannot be submitted in its current state.
error-fiche-not-under-review = This article is not (or no longer) under review.
rules-intro = Articles describe public innovations to help other local governments decide. Their value rests on their independence.
rules-no-promotion = An article promotes neither a commercial offer nor a city: it describes, measures and cites its sources.
rules-interests = Each author declares their links with a vendor or with the city described; the declaration is published with the article.
rules-sources = Results rest on verifiable sources, cited as links.
rules-review = Every article, and every change to a published one, is reviewed by an editor before publication.
rules-warnings = Links to commercial sites, brand or product names, superlatives and calls to buy are flagged to the editor, who must examine them before publishing.
innovation-feed = Atom feed of articles
feed-innovation-title = Parvis — innovation
feed-innovation-field-title = Parvis — innovation: { $field }
innovation-open-data = Open data
rules-open-data = The published catalogue (never drafts or unpublished versions) is open under
comments-title = Comments
comments-feed = Atom feed
feed-comments-title = Parvis — comments: { $fiche }
comments-none = No comment yet.
comments-hidden = hidden
comments-flags = flag(s)
comments-flag = Flag
comments-write = Your comment
comments-hint = Markdown accepted; quote with "> " at the start of a line.
comments-send = Post the comment
comments-sign-in = Sign in to comment
moderation-title = Moderation
moderation-flagged = Flagged contributions
moderation-nothing = No flagged contribution.
moderation-see = See
moderation-reason = Reason
moderation-hide = Hide
moderation-restore = Restore
moderation-delete = Delete
moderation-log = Moderation log
comments-follow = Follow this article
comments-unfollow = Stop following
notifications-title = Notifications
notifications-none = No notification.
notifications-read = Mark all as read
notifications-comment = commented on
notifications-mention = mentioned you on
members-title = Members
members-my-profile = My member profile
members-none = No member matches.
members-contact = Write to this member
members-contact-hint = Your message reaches them by email with your name and a link to your profile; neither your address nor theirs is shown.
members-contact-message = Your message
members-contact-send = Send
members-contact-sent = Message sent.
member-contact-self = You cannot write to yourself.
members-profile-lead = Your profile appears in the member directory, seen only by signed-in members.
members-job = Job title
members-organisation = Local government or body
members-fields = Fields you follow
members-languages = Languages spoken
members-bio = About you
members-save = Save my profile
mail-member-contact-subject = { $name } writes to you on Parvis
mail-member-contact-body = Hello,

    { $name } wrote to you from the Parvis member directory:

    { $message }

    To answer, go through their profile (your address stays hidden): { $link }

    — Parvis
fiche-images = Images
fiche-image-file = Image (PNG, JPEG, GIF or WebP)
fiche-image-hint = 2 MB at most. After sending, copy the line offered into the article text.
fiche-image-upload = Send the image
fiche-image-added = Image saved. Paste this line into the text where it belongs:
fiche-image-caption = Image caption
field-image-too-big = This image is too large.
field-image-type = This file is not a PNG, JPEG, GIF or WebP image.
field-image-undecodable = This image cannot be read (truncated or damaged file): save it again as PNG or JPEG.
field-image-too-many-pixels = This image has too many pixels (at most 12,000 per side and 40 megapixels): shrink it before sending it.
comments-quote = Quote
fiche-translations = Also published in:
follow-city = Follow this city
follow-field = Follow this field
follow-thread = Follow this discussion
threads-title = Discussions
threads-intro = Questions and experience shared between local governments: "Who has tried…?", "How did you measure…?". Each discussion is about one or more fields.
threads-new = Ask a question
threads-sign-in = Sign in to ask a question
threads-feed = Atom feed of discussions
feed-threads-title = Parvis — discussions
threads-none = No discussion matches.
threads-replies = reply(ies)
threads-form-hint = Describe your situation and what you want to learn. Members following the chosen fields will be told.
threads-question-title = Your question, in one sentence
threads-question = Details
threads-post = Post the question
threads-back = ← All discussions
threads-replies-title = Replies
threads-no-reply = No reply yet.
threads-reply = Your reply
threads-send = Post the reply
threads-sign-in-reply = Sign in to reply
thread-field-title = The title needs at least 5 characters.
follows-title = What you follow
follows-none = You follow nothing yet.
follows-kind-fiche = Fiche
follows-kind-thread = Discussion
follows-kind-field = Field
follows-kind-city = City
follows-stop = Following
follows-add = Follow
follows-hint = You follow the fiches you comment on and the discussions you write in. To follow a city, use the button on one of its fiches.
digest-title = E-mail digest
digest-on = Your unread notifications are e-mailed to you, at most once a day.
digest-off = You get no e-mail digest.
digest-stop = Stop the digest
digest-start = Get the e-mail digest
moderation-kind-comment = Comment
moderation-kind-thread = Discussion
moderation-kind-reply = Reply
translation-title = Translation
translation-linked = This fiche is linked as a translation of fiche
translation-original = Number of the published fiche this one translates
translation-save = Save the link
translation-hint = The number is in the fiche's address (/innovation/fiches/12). Leave empty to remove the link.
translation-not-found = No other published fiche has this number.
translation-same-language = That fiche is in the same language: a translation must be in another language.
notifications-reply = replied in
notifications-thread = started a discussion:
notifications-fiche = published a fiche:
mail-digest-subject = Parvis Innovation: { $count } unread notification(s)
mail-digest-body = Hello { $name },

    Here is what happened on what you follow:
    { $list }
    All your notifications and settings: { $manage }

    — Parvis
fiche-related = Related fiches

## erasure
former-member = Former member
erasure-title = Delete my account
erasure-lead = You can delete your account at any time. Once confirmed with your password and then with a link sent to your address, the deletion is immediate and final.
erasure-goes-title = What is deleted
erasure-goes-profile = Your candidate profile (school, phone, presentation) and your CVs, your Innovation member profile, your saved searches.
erasure-goes-applications = Your pending applications are withdrawn, and the direction concerned is told by e-mail. All your applications lose their letter, their messages and the agents' notes.
erasure-goes-community = What you follow, your notifications, your flags, your e-mail digest choice and your fiches never published.
erasure-goes-sessions = Your sign-ins: this browser and every other one are signed out.
erasure-goes-identity = Your name, e-mail address and password, and your roles. The address becomes free again: you may create a new account with it.
erasure-stays-title = What stays, and why
erasure-stays-contributions = Your published fiches, comments, discussions and replies stay, signed "Former member" everywhere (pages, feeds, exports): other people replied to them or refer to them. You can ask below for your comments and discussion posts to be removed.
erasure-stays-decisions = Decisions already taken on your applications (accepted, declined) stay, without name, address, CV or letter: the direction's figures (answer times, number of applications) do not change.
erasure-stays-tombstone = An anonymous trace of the account (a number, with no name or address, unusable to sign in) links these together.
erasure-remove-label = Also remove my comments and discussion posts
erasure-remove-hint = Your comments on fiches, your replies and your discussions are deleted (a discussion you started goes with the other members' replies). Your published fiches stay.
erasure-password = Your password, to confirm
erasure-submit = Delete my account
erasure-mail-sent = We sent you an e-mail: open the link in it to confirm the deletion. Nothing is deleted before that.
erasure-confirm-title = Confirm the deletion of your account
erasure-confirm-lead = When you confirm, your account is deleted at once and for good: your profile, your CVs, your pending applications (withdrawn), what you follow and your notifications, your name and your address.
erasure-confirm-keep = Your published fiches, comments and discussion posts stay, signed "Former member".
erasure-confirm-remove = Your comments, replies and discussions are deleted too; your published fiches stay, signed "Former member".
erasure-confirm-submit = Delete my account for good
erasure-ask-again = Ask for a new link from your account
erasure-done-title = Your account is deleted
erasure-done-text = You are signed out everywhere. A last e-mail confirms it. You may create a new account with the same address whenever you like.
error-erasure-link-invalid = This deletion link is not valid: it expired, was already used, or the account no longer exists. Ask for a new one from your account.
error-erasure-last-site-admin = You are the site's last administrator: give this role to someone else first, then delete your account.
mail-erasure-confirm-subject = Parvis: confirm the deletion of your account
mail-erasure-confirm-body = Hello { $name },

    You asked for your Parvis account to be deleted. To confirm, open this link (valid { $minutes } minutes) and press the button on the page:
    { $link }

    If you did not ask for this, ignore this message: your account stays as it is. Do change your password though, since the request was made with it.

    — Parvis
mail-erased-subject = Parvis: your account is deleted
mail-erased-body = Hello,

    Your Parvis account was deleted, as you asked. Your personal data is erased; what remains (published fiches, decisions already taken) no longer bears your name.

    You may create a new account with this address whenever you like.

    — Parvis
mail-application-withdrawn-erased-subject = Application withdrawn: { $title }
mail-application-withdrawn-erased-body = Hello,

    Application no. { $number } to "{ $title }" was withdrawn: the person deleted their Parvis account. Their name, letter and CV are no longer available.
    { $link }

    — Parvis

## retention
mail-inactive-subject = Parvis: your account will be deleted on { $date }
mail-inactive-body = Hello { $name },

    You have not signed in to Parvis for a long time. We do not keep the data of an unused account for more than { $months } months: your account and what it holds (profile, CV, applications, contributions) will be deleted on { $date }.

    To keep your account, just sign in before that date:
    { $link }

    If you no longer need it, there is nothing to do.

    — Parvis
## export
data-export-title = My data
data-export-lead = Download everything Parvis keeps about you: your account, your profile and CV, your applications with their history, the messages and the agents' notes, your searches, your fiches, contributions and follows. We prepare a ZIP archive (JSON files described in a README, and the files you uploaded) and e-mail you a link.
data-export-submit = Ask for my data
data-export-asked = Request recorded: you will get the link by e-mail as soon as the archive is ready.
data-export-none = You have not asked for an archive recently.
data-export-preparing = Archive being prepared, asked for on
data-export-ready = Your archive ({ $size } MB) is ready: the link we e-mailed works until
data-export-expired = The link of your last archive expired on
data-export-preparing-already = An archive is being prepared already: you will get its link by e-mail.
data-export-link-expired = This link has expired and the archive was deleted: ask for a new one below.
data-export-link-unknown = This link is not valid for this account. Sign in with the account that asked for the archive, or ask for a new one.
mail-data-export-subject = Parvis: your data is ready
mail-data-export-body = Hello { $name },

    The archive of your data is ready. Download it while signed in to your Parvis account, through this link (valid until { $until }):
    { $link }

    After that date the archive is deleted; you can ask for a new one on your account page.

    If you did not ask for it, change your password.

    — Parvis
export-readme-intro = Your data on Parvis: everything the site keeps about you on the day this archive was prepared (GDPR rights of access and portability). Each JSON file holds one kind of data:
export-readme-formats = Dates and times: ISO 8601 in universal time (UTC). The values 0 and 1 mean no and yes. An empty file ([] or null): Parvis keeps nothing of that kind about you.
export-file-account = your account (address, name, language, time zone, creation date), your roles, the roles you granted, your password reset requests (dates)
export-file-sign-in-failures = failed sign-ins with your address (network address, date), kept a few hours
export-file-sessions = your open sessions (expiry date)
export-file-candidate-profile = your candidate profile (education, phone, presentation) and your CV (files/cv.pdf)
export-file-applications = your applications: offer, state, letter, history of its steps, messages, and the agents' private notes
export-file-saved-searches = your saved searches
export-file-stages-staff-work = your work as an agent in Stages: offers created, steps, messages and notes written (by application and date), answer templates, pools
export-file-member-profile = your Innovation member profile and its fields
export-file-fiches = your fiches, with every revision and the editors' reviews
export-file-fiche-revisions-on-others = the revisions you wrote on other authors' fiches
export-file-fiche-images = the images you uploaded (the files are in files/images)
export-file-comments = your comments
export-file-threads = your discussion threads
export-file-replies = your replies in discussions
export-file-follows = what you follow (fiches, threads, fields, cities)
export-file-notifications = your notifications
export-file-flags = the flags you raised
export-file-member-messages = messages between members: sent (to whom, when) and received (when)
export-file-digest = your choice about the summary e-mail (1: turned off)
export-file-innovation-editor-work = your work as an Innovation editor: reviews, promotional terms, moderation
export-file-originals = the files you uploaded, as Parvis keeps them
file-note-export = The candidate can read these notes: they are part of the data they can download ("My data", right of access).
## legal
footer-legal-label = Legal information
footer-accessibility = Accessibility: not compliant
legal-phone = Telephone
legal-email = E-mail
legal-hours-one = { $amount } hour
legal-hours = { $amount } hours
legal-days-one = { $amount } day
legal-days = { $amount } days
legal-months-one = { $amount } month
legal-months = { $amount } months
legal-notice-title = Legal notice
legal-notice-intro = Parvis brings together the city's collaborative platforms: Stages, Innovation and Espaces. The site's address:
legal-publisher = Publisher
legal-director = Director of publication
legal-host = Host
legal-reuse = Reusing content
legal-reuse-text = Innovation's published fiches are released under the Licence Ouverte 2.0 and as open data; other content may not be reproduced without the publisher's consent.
legal-personal-data = Personal data, cookies and accessibility
legal-personal-data-text = See:
cookies-title = Cookies
cookies-intro = Parvis sets only the cookies it strictly needs to work. No audience measurement, advertising or social network cookies: no third-party tracker at all.
cookies-caption = The cookies Parvis sets
cookies-name = Name
cookies-purpose = What it is for
cookies-lifetime = Lifetime
cookies-session-purpose = Your session: it keeps you signed in from page to page and, without JavaScript, keeps the text of a refused form to give it back to you. Only the server can read it (HttpOnly) and it holds nothing but a random identifier. It is set only when you sign in or send a form.
cookies-language-purpose = The language you chose (French or English). It is set only when you change the language or sign in.
cookies-lifetime-session = Until { $hours } hours without a visit (signing out erases it)
cookies-no-banner = Why no banner asks for your consent
cookies-no-banner-text = Cookies strictly necessary for the service you ask for need no consent (article 82 of the French Data Protection Act; CNIL guidelines and recommendation of 17 September 2020). Parvis sets no other: so it has nothing to ask you.
cookies-nothing-else = Nor does Parvis use the browser's local storage to follow you: it keeps there only the text of the wiki pages you edit, so that a change made offline is not lost; signing out erases it. This list is checked by automated tests: any new cookie makes them fail until it is added here.
cookies-control = Erasing them
cookies-control-text = You can erase these cookies in your browser's settings: you will be signed out and the site will be back in French.
privacy-title = Personal data
privacy-intro = This page says which personal data Parvis processes, why, on which legal basis, who receives it, how long it is kept and how to exercise your rights (General Data Protection Regulation, GDPR, article 13).
privacy-controller = Controller
privacy-controller-text = The controller is { $name }, which publishes Parvis:
privacy-what = The data processed
privacy-accounts = Accounts (every platform)
privacy-accounts-profile = Your account: display name, e-mail address, password (hashed by a one-way function, never readable), chosen language and time zone, roles given by the city.
privacy-accounts-sessions = Your sessions: one random identifier per signed-in browser and its expiry date.
privacy-accounts-sign-in = Sign-ins: the date of your last sign-in; failed sign-in attempts, with the IP address they came from, to stop repeated guessing; password reset links.
privacy-accounts-mail = The e-mails sent to you (notifications, alerts), kept with your address while they are sent.
privacy-stages-profile = The candidate's profile: contact details, education, availability, what you write about yourself.
privacy-stages-cv = The CVs (PDF files) you upload.
privacy-stages-applications = Applications, spontaneous or to an offer, their letter and history (each step and its date), the decision and its answer.
privacy-stages-messages = Messages exchanged with the city's agents about an application.
privacy-stages-notes = Agents' private notes on an application: the site does not show them to you, but they are data about you, included in the export of your data.
privacy-stages-searches = Your saved searches and their alerts.
privacy-innovation-profile = The member profile: name, city, organisation, fields, introduction.
privacy-innovation-fiches = The fiches you write, their versions and the review exchanges.
privacy-innovation-comments = Your comments, and the flags you raise.
privacy-innovation-threads = The discussion threads you open and your replies.
privacy-innovation-messages = Messages written to another member from the directory (neither your address nor theirs is shown).
privacy-innovation-follows = What you follow (fiches, fields, cities) and your notifications.
privacy-purposes = Why
privacy-purpose-stages = Stages: publishing the city's internship offers, receiving and examining applications, writing to candidates and answering them.
privacy-purpose-innovation = Innovation: publishing and reviewing urban innovation fiches, running the community (comments, threads, messages), moderating.
privacy-purpose-accounts = Accounts: identifying you, protecting your account (limiting sign-in attempts, resetting a password) and sending you the e-mails you asked for.
privacy-purpose-figures = The city's figures (answer times, applications per direction), computed on data made anonymous.
privacy-basis = Legal basis
privacy-basis-text = This processing is necessary for a task carried out in the public interest vested in the city (GDPR, article 6(1)(e)): taking interns into its services and sharing urban innovation are public-service missions. Account security also meets the GDPR's security obligation (article 32).
privacy-basis-none = Parvis does no marketing, advertising or profiling, and makes no automated decision about you: every application is read and decided by an agent.
privacy-recipients = Who receives your data
privacy-recipients-stages = An application: the agents of the service that posts the offer and its direction's administrators; a spontaneous application: the agents the direction names to receive them.
privacy-recipients-innovation = Innovation: what you publish (fiches, comments, threads, member profile) is public; messages between members are read only by their recipient; the city's editors and moderators see flagged content and content under review.
privacy-recipients-staff = Parvis's administrators, agents of the city, to run the service.
privacy-recipients-host = The host (see the legal notice), the city's processor (GDPR, article 28), which uses them for nothing else.
privacy-recipients-none = Your data is neither sold, nor given away, nor transferred outside the European Union.
privacy-retention = How long
privacy-retention-intro = The city sets each period below; once it has passed, an automatic process erases the data or makes it anonymous.
privacy-retention-what = Data
privacy-retention-length = Period
privacy-retention-why = Why that long
privacy-retention-after = What remains for the city's figures (answer times, counts per direction) is made anonymous: nothing in it leads back to a person.
privacy-rights = Your rights
privacy-rights-intro = You have these rights over your data (GDPR, articles 15 to 21):
privacy-right-access = access: knowing what Parvis keeps about you and getting a copy;
privacy-right-rectification = rectification: correcting what is wrong (most data can be corrected on the site itself);
privacy-right-erasure = erasure: deleting your account and what belongs to it;
privacy-right-restriction = restriction: asking that contested data be frozen while it is checked;
privacy-right-objection = objection: objecting, on grounds relating to your situation, to processing based on the public-interest task;
privacy-right-portability = portability: receiving your data in an open, machine-readable format (the city offers it to everyone, even where the law does not require it).
privacy-rights-how = How to use them
privacy-rights-account = From your account, section "My data": download everything Parvis keeps about you (a ZIP archive) and delete your account.
privacy-rights-account-link = My account
privacy-rights-write = For any other request, write to the data protection officer (below). The city answers within one month, which may be extended by two months for a complex request; it may ask you to prove your identity.
privacy-dpo = Data protection officer
privacy-complaint = Complaint to the CNIL
privacy-complaint-text = If, after contacting us, you believe your rights are not respected, you may lodge a complaint with the French data protection authority (CNIL):
retention-applications_months = Applications not accepted (declined, withdrawn, expired), with their messages, notes and the CV sent
retention-applications_months-why = After the last step: the CNIL allows keeping a candidate not retained in view of other offers for up to two years after the last contact.
retention-accepted_applications_months = Accepted applications
retention-accepted_applications_months-why = After the last step: the internship agreement, its follow-up and the time a dispute may follow; then made anonymous (the figures stay).
retention-inactive_accounts_months = Accounts of candidates and members without a staff role
retention-inactive_accounts_months-why = After the last sign-in (the CNIL's benchmark is three years after the last contact); the account is then deleted as if you deleted it yourself.
retention-inactive_warning_days = Warning before an inactive account is deleted
retention-inactive_warning_days-why = An e-mail warns you this long before the deletion; signing in keeps the account.
retention-moderation_log_months = Innovation's moderation log (who hid or restored what)
retention-moderation_log_months-why = Long enough to answer a contested decision.
retention-member_messages_months = Messages between members
retention-member_messages_months-why = Kept only to apply the daily sending limit and answer an abuse report.
retention-read_notifications_months = Notifications already read
retention-read_notifications_months-why = They only serve to find recent activity again.
retention-sign_in_failures_hours = Failed sign-in attempts (with the IP address)
retention-sign_in_failures_hours-why = As long as the attempt limit and an incident review need, no longer.
retention-reset_tokens_hours = Password reset links, used or expired
retention-reset_tokens_hours-why = After they stopped being valid: time to review an incident.
retention-space_sign_in_links_hours = One-time sign-in links of spaces, used or expired
retention-space_sign_in_links_hours-why = After they stopped being valid: time to review an incident.
retention-space_invitations_days = Invitations to a space that ended (accepted, revoked or expired)
retention-space_invitations_days-why = After they ended: animators see them on the members page; an accepted membership stays.
retention-finished_jobs_days = Finished sendings (an e-mail keeps its recipient's address)
retention-finished_jobs_days-why = Time to check that an e-mail left and to look into a failure.
retention-data_exports_days = A prepared "My data" archive and its download link
retention-data_exports_days-why = Time to download it; you can ask for a new one.
accessibility-title = Accessibility
accessibility-viewport-desktop = desktop
accessibility-viewport-phone = phone
accessibility-commitment = { $name } is committed to making its websites, intranets, extranets and software accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005.
accessibility-applies = This accessibility statement applies to Parvis:
accessibility-state = Compliance status
accessibility-state-value = Parvis is not compliant with the RGAA 4.1.2.
accessibility-state-why = No compliance audit against the French accessibility framework (RGAA) has been made yet, and the RGAA requires a site that has not been audited to be declared "not compliant". Only automated checks have been run (below); they do not replace the manual audit of the 106 criteria, which remains to be done.
accessibility-results = Test results
accessibility-results-method = Automated check of every page of the site with axe-core (WCAG 2.0 and 2.1 rules, levels A and AA), on desktop and on phone, as a visitor and signed in with each role, on
accessibility-results-limits = An automated check covers only part of the RGAA's criteria (it judges neither whether a text alternative is apt, nor the reading order, nor use with a keyboard or a screen reader): the RGAA compliance rate is therefore not known.
accessibility-results-none = These checks find no violation, of any impact.
accessibility-results-some = These checks still find { $count } violation(s):
accessibility-not-accessible = Content that is not accessible
accessibility-non-conformities = Non-compliance
accessibility-non-conformities-text = What the automated checks find is listed above. The manual audit may find more; it will be added here.
accessibility-derogations = Exemptions for disproportionate burden
accessibility-derogations-text = None.
accessibility-exempt = Content not subject to the accessibility obligation
accessibility-exempt-text = Content written or uploaded by users, which the city neither produces nor checks before it is published: texts and images of Innovation fiches, comments and threads, candidates' CVs (PDF).
accessibility-established = Preparation of this statement
accessibility-established-on = This statement was prepared on
accessibility-technologies = Technologies used
accessibility-technologies-text = HTML, CSS, WAI-ARIA, JavaScript and WebAssembly. Every page is rendered by the server and also works without JavaScript.
accessibility-environment = Test environment
accessibility-environment-text = Chromium driven by Playwright, with a desktop profile (1280 × 720 pixels) and a phone's (Pixel 7).
accessibility-tools = Tools used to assess accessibility
accessibility-tools-text = axe-core (through @axe-core/playwright), at every run of the site's tests; the test fails as soon as a violation appears or one listed here disappears, which keeps this list up to date.
accessibility-pages = Pages checked
accessibility-pages-text = All of them: home, Stages (search, offer, applications, alerts, offer management, direction, dashboard, spontaneous application), Innovation (catalogue, fiche, rules, directory, member, threads, writing, review, moderation, notifications, profile), Espaces, the account (sign-in, sign-up, password), administration and the legal pages.
accessibility-feedback = Feedback and contact
accessibility-feedback-text = If you cannot reach some content or a service, contact us to be directed to an accessible alternative or to get the content in another form:
accessibility-form = Contact form
accessibility-recourse = Recourse
accessibility-recourse-text = Use this procedure if you have reported to the site's manager an accessibility defect that keeps you from some content or service and have not had a satisfactory answer. You can:
accessibility-recourse-form = write to the Défenseur des droits (the French rights ombudsman):
accessibility-recourse-delegate = contact the Défenseur des droits' delegate in your region:
accessibility-recourse-letter = send a letter by post (free of charge, no stamp needed):

## Espaces
espaces-partner-sign-in = Partner of a space?
espaces-sign-in-link-ask = Get a sign-in link by e-mail
espaces-mine = My spaces
espaces-mine-none = You are not a member of any space yet.
espaces-invitations-waiting = Invitations waiting
space-create = Create a space
space-create-lead = Choose a template: it sets the modules, the visibility and the description, which you can change afterwards.
space-create-submit = Create the space
space-template = Template
space-template-project = Project
space-template-network = Network
space-template-plan = Plan
space-template-project-description = A project team: shared documents, forum and calendar.
space-template-network-description = A network of correspondents: experience sharing, documents and wiki pages.
space-template-plan-description = A plan run with outside partners: documents, forum, calendar and wiki.
space-name = Name of the space
space-description = Description
space-description-hint = Left empty, the template's.
space-visibility = Visibility
space-visibility-private = Private: members only
space-visibility-agents = Open to every signed-in city agent
space-visibility-public = Public, read-only
space-modules = Modules
space-module-documents = Documents
space-module-forum = Forum
space-module-calendar = Calendar
space-module-wiki = Wiki
space-role = Role
space-role-animator = Animator
space-role-contributor = Contributor
space-role-reader = Reader
space-archived = archived
space-archived-note = This space is archived: it can be read, but nothing changes in it until an animator restores it.
space-nav = Space navigation
space-home = Space home
space-members = Members
space-settings = Settings
space-members-count = Members
space-my-role = My role
space-activity = Recent activity
space-activity-none = Nothing yet.
activity-document-uploaded = { $actor } uploaded "{ $subject }"
activity-new = new
space-notify = Tell me about this space's activity
space-notify-site = On the site only
space-notify-immediate = By an e-mail for each change
space-notify-digest = By a daily summary e-mail
space-notify-saved = Setting saved.
espaces-mentions = You were mentioned
espaces-news = { $count ->
    [one] 1 new
   *[other] { $count } new
}
spaces-overview-title = All spaces
spaces-overview-animators = Animators
spaces-overview-storage = Storage
spaces-overview-last = Last activity
mail-space-activity-subject = { $space }: { $line }
mail-space-activity-body = Hello { $name },

    In the space "{ $space }": { $line }.
    { $link }

    You receive this message because you asked for an e-mail for each change in this space. To change that: { $manage }

    — Parvis
mail-space-digest-subject = Your spaces: { $count ->
    [one] 1 change
   *[other] { $count } changes
}
mail-space-digest-body = Hello { $name },

    Here is what happened in your spaces since the last summary:
    { $list }
    To change how you are told, open each space: { $manage }

    — Parvis
space-restore = Restore the space
space-access-until = until
space-access-ends = End of access (partners)
space-access-ends-hint = Optional: the last day the person can use the space.
space-role-change = Change the role
space-member-remove = Remove from the space
space-invite = Invite someone
space-invite-submit = Send the invitation
space-invitations = Invitations
space-invitations-none = No invitation waiting.
invitation-sent = Invitation sent.
invitation-expires = expires on
invitation-revoke = Revoke
invitation-state-pending = waiting
invitation-state-expired = expired
invitation-state-revoked = revoked
invitation-state-accepted = accepted
space-settings-saved = Settings saved.
space-settings-save = Save the settings
space-archive = Archive the space
space-archive-lead = An archived space can still be read but no longer changes; an animator can restore it.
space-archive-submit = Archive
invitation-title = Invitation to a space
invitation-lead = { $inviter } invites you to join the space “{ $space }” as { $role }.
invitation-address = Invitation sent to
invitation-accept = Join the space
invitation-sign-in = An account exists at this address: sign in to accept.
invitation-or-link = No password?
invitation-create-account = Create your partner account
invitation-create-lead = Your account will give access only to the spaces you are a member of.
invitation-password-hint = Optional: without a password, you sign in by a link sent to your address.
invitation-create-submit = Create my account and join the space
invitation-ask-again = Ask the space's animator for a new invitation.
sign-in-link-title = Sign in by link
sign-in-link-lead = Press the button to sign in.
sign-in-link-submit = Sign me in
sign-in-link-ask-lead = Give your address: if it has an account that belongs to a space, we send it a sign-in link valid a few minutes.
sign-in-link-ask-submit = Get the link
sign-in-link-sent = If this address has an account that belongs to a space, a link has just been sent to it.
sign-in-link-ask-again = Ask for a new link
space-agents-title = City agents (Espaces)
space-agents-lead = The accounts named here create spaces and read those open to agents, as do accounts with an agent role or a verified address in one of the city's domains.
space-agent-grant = Name agent
space-agent-revoke = Take back
field-space-already-member = This person is already a member of the space.
error-space-archived = This space is archived: it is read-only.
error-space-last-animator = A space always keeps at least one animator: name another one first.
error-invitation-invalid = This invitation link is not valid.
error-invitation-used = This invitation has already been accepted.
error-invitation-revoked = This invitation was revoked by the space's animator.
error-invitation-expired = This invitation has expired.
error-invitation-other-account = This invitation is addressed to another address than your account's: sign out, or ask for an invitation to your address.
error-invitation-account-exists = An account already exists at this address: sign in to accept.
error-sign-in-link-invalid = This sign-in link is not valid: it has expired or was already used.
export-file-spaces = your spaces: memberships (role, end of access, notification choice), invitations received and sent, spaces created, sign-in links (dates), your activity and the mentions of your name, the folders, documents and versions you uploaded, your share links and their openings
export-file-forum = your spaces' forums: threads started, posts written, and how far you have read each thread
mail-space-invitation-subject = Parvis: invitation to the space “{ $space }”
mail-space-invitation-body = Hello,

    { $inviter } invites you to join the space “{ $space }” on Parvis as { $role }.
    To accept, open this link (valid until { $until }) and press the button on the page:
    { $link }

    If you do not know this space, ignore this message.
mail-space-sign-in-subject = Parvis: your sign-in link
mail-space-sign-in-body = Hello { $name },

    To sign in to Parvis, open this link (valid { $minutes } minutes, once) and press the button on the page:
    { $link }

    If you did not ask for it, ignore this message.
error-space-not-archived = This space is not archived.

## Espaces: forum
forum-title = Forum
forum-archived = This space is archived: its forum is read-only.
forum-new-thread = New thread
forum-search = Search the forum
forum-search-submit = Search
forum-search-results = Threads found for
forum-search-clear = All threads
forum-search-none = No thread holds these words.
forum-threads-none = No thread yet.
forum-categories = Categories
forum-all = All threads
forum-category = Category
forum-category-default = General
forum-category-name = Category name
forum-category-new = New category
forum-category-add = Add the category
forum-category-rename = Rename
forum-category-delete = Delete the category
forum-one-reply = 1 reply
forum-replies = replies
forum-pinned = Pinned
forum-locked = Locked
forum-solved = Solved
forum-unread = Unread
forum-back = Back to the forum
forum-pin = Pin
forum-unpin = Unpin
forum-lock = Lock
forum-unlock = Unlock
forum-thread-locked = This thread is locked: it takes no more replies.
forum-thread-has-replies = This thread has replies: only an animator can delete it.
forum-reply = Reply
forum-reply-label = Your reply
forum-reply-submit = Post the reply
forum-quote = Quote
forum-edited = edited on
forum-edit = Edit
forum-edit-label = Text of the post
forum-delete = Delete
forum-delete-thread = Delete the thread
forum-solution = Solution
forum-solution-mark = Mark as the solution
forum-solution-clear = Remove the solution
forum-thread-title = Title
forum-thread-body = Post
forum-thread-submit = Post the thread
activity-forum-thread = { $actor } started the thread “{ $subject }”
activity-forum-reply = { $actor } replied to “{ $subject }”
activity-forum-edit = { $actor } edited a post in “{ $subject }”
activity-wiki-revised = { $actor } edited the page “{ $subject }”
activity-wiki-restored = { $actor } restored an earlier version of the page “{ $subject }”
activity-wiki-approved = { $actor } approved the page “{ $subject }”
activity-wiki-changes-asked = { $actor } asks for changes to the page “{ $subject }”
## Espaces: shared calendar (calendar)
space-calendar = Calendar
activity-event-created = { $actor } added the event “{ $subject }”
activity-events-imported = { $actor } imported events: { $subject }
export-file-calendar = the calendars of your spaces: events you created, invitations you received and your answers, subscription links (dates)
calendar-title = Calendar of “{ $space }”
calendar-view-agenda = Agenda
calendar-view-week = Week
calendar-view-month = Month
calendar-views = View
calendar-previous = Previous
calendar-next = Next
calendar-today = Today
calendar-period-agenda = From { $from }
calendar-period-week = Week of { $from }
calendar-empty = No event in this period.
calendar-all-day = All day
calendar-cancelled = cancelled
calendar-recurring = repeats
calendar-zone-note = Times are shown in your time zone. Forms are filled in the space's: { $zone }.
calendar-weekday-1 = Monday
calendar-weekday-2 = Tuesday
calendar-weekday-3 = Wednesday
calendar-weekday-4 = Thursday
calendar-weekday-5 = Friday
calendar-weekday-6 = Saturday
calendar-weekday-7 = Sunday
calendar-new-event = New event
calendar-edit-event = Edit the event
calendar-field-title = Title
calendar-field-start-date = Start date
calendar-field-start-time = Start time
calendar-field-end-date = End date
calendar-field-end-time = End time
calendar-field-all-day = All day
calendar-field-place = Place
calendar-field-description = Description (Markdown)
calendar-field-recurrence = Repeats
calendar-field-every = Every (weeks or months)
calendar-field-until = Until (included)
calendar-field-count = Number of occurrences
calendar-recurrence-none = Never
calendar-recurrence-weekly = Every week
calendar-recurrence-monthly = Every month
calendar-save = Save
calendar-delete = Delete the event
calendar-starts = Starts
calendar-ends = Ends
calendar-place = Place
calendar-repeats = Repeats
calendar-every = every { $every }
calendar-until = until { $date }
calendar-count = { $count } times
calendar-upcoming = Next occurrences
calendar-cancel-occurrence = Cancel this occurrence
calendar-restore-occurrence = Restore this occurrence
calendar-attendees = Attendees
calendar-no-attendees = Nobody is invited yet.
calendar-invite = Invite
calendar-invite-member = Member to invite
calendar-my-answer = Your answer
calendar-answer-pending = no answer
calendar-answer-yes = yes
calendar-answer-no = no
calendar-answer-maybe = maybe
calendar-answer = Answer
calendar-export = Download (.ics)
calendar-back = Back to the calendar
calendar-feed = Subscription (Outlook, Thunderbird, phone)
calendar-feed-explain = A private link to this space's calendar, for your calendar software. Do not share it; you can revoke it or make a new one at any time.
calendar-feed-new = Make a new link
calendar-feed-revoke = Revoke my link
calendar-feed-active = You have an active link.
calendar-feed-link = Your link (shown once):
calendar-import = Import an .ics file
calendar-import-file = .ics file
calendar-import-submit = Import
calendar-imported = { $count } event(s) imported.
calendar-import-malformed = This file is not a readable iCalendar (.ics) file. Nothing was imported.
calendar-import-empty = This file holds no event.
calendar-import-too-large = This file is too large (2 MB and 2,000 events at most).
calendar-import-bad-event = An event of this file is incomplete or invalid (title, start, or an end before its start). Nothing was imported.
calendar-import-unsupported-recurrence = An event of this file repeats in a way that is not supported (only weekly and monthly repeats are). Nothing was imported.
calendar-error-date = Enter a date as YYYY-MM-DD.
calendar-error-time = Enter a time as HH:MM.
calendar-error-end-before-start = The event ends before it starts.
calendar-error-every = Enter a number from 1 to 52.
calendar-error-count = Enter a number from 1 to 500.
calendar-error-until = The repeat must end after the start, within ten years.
calendar-error-until-and-count = Choose an end date or a number of occurrences, not both.
calendar-error-no-occurrence = The event has no occurrence that day.
calendar-error-not-invitable = This person is not a member of the space, or is invited already.
mail-event-invitation-subject = Invitation: { $title } ({ $space })
mail-event-invitation-body = Hello,

    You are invited to “{ $title }” in the space “{ $space }”, on { $when }.
    Place: { $place }
    Answer (yes, no, maybe) on the event's page:
    { $link }

    The event is attached to this message (.ics file) for your calendar.
mail-event-reminder-subject = Reminder: { $title }, on { $when }
mail-event-reminder-body = Hello,

    Reminder: “{ $title }” (space “{ $space }”) takes place on { $when }.
    Place: { $place }
    { $link }
## Espaces — documents (folders, versions, bin, share links)
space-documents = Documents
activity-document-version = { $actor } uploaded a new version of "{ $subject }"
documents-title = Documents
documents-usage = Storage used: { $used } of { $quota } (versions and bin included).
documents-max-size = Largest file: { $size }.
documents-search = Search documents by name
documents-search-submit = Search
documents-search-results = Documents whose name holds
documents-path = Folders
documents-top = All documents
documents-none = This folder holds no document.
documents-none-found = No document has that name.
documents-download = Download
documents-preview = Preview (new tab)
documents-upload = Upload files
documents-drop-hint = Choose files or drop them here. A file of the same name in this folder becomes a new version.
documents-files = Files
documents-upload-submit = Upload
documents-uploading = Uploading:
documents-uploaded = File uploaded.
documents-new-folder = New folder
documents-folder-name = Folder name
documents-new-folder-submit = Create the folder
documents-this-folder = This folder
documents-folder-rename = New name of the folder
documents-folder-rename-submit = Rename the folder
documents-folder-delete = Delete the folder (empty)
documents-bin = Bin
documents-bin-hint = Deleted documents stay here, and count toward the storage used, until an animator empties the bin.
documents-bin-empty = The bin is empty.
documents-bin-restore = Restore
documents-bin-delete = Delete for good
documents-bin-empty-all = Empty the bin
documents-back = Back to the documents
documents-deleted = deleted on
documents-in-bin = This document is in the bin.
documents-size = Size
documents-type = Type
documents-updated = Latest version
documents-version = Version
documents-versions = Versions
documents-restored-from = restores
documents-restore-version = Restore version
documents-rename = Rename
documents-new-name = New name
documents-rename-submit = Rename
documents-move = Move
documents-move-to = Destination folder
documents-move-submit = Move
documents-delete = Move to the bin
documents-shares = Share links
documents-shares-hint = A share link lets someone outside the space download this document without an account, until it ends or is revoked.
documents-share-days = Valid for (days)
documents-share-submit = Make a link
documents-share-made = Link made. Copy it now: it will not be shown again.
documents-shares-none = No share link.
documents-share-active = active
documents-share-revoked = revoked
documents-share-expired = expired
documents-share-until = Valid until
documents-share-openings = openings:
documents-share-revoke = Revoke
documents-share-opened = When the links were opened
documents-share-opened-none = No link has been opened yet.
documents-shared-intro = This document was shared with you.
error-documents-quota = This space's storage is full: the file was not uploaded. Empty the bin or delete documents.
error-upload-interrupted = The upload was interrupted: nothing was saved. Try again.
error-document-name-taken = A document of that name is already in its folder: rename it first.
error-share-link-ended = This share link was revoked or has expired: what it shared can no longer be opened through it. Ask the person who sent it for a new link.
field-document-too-big = This file is larger than the largest allowed.
field-document-name-long = This name is too long (255 characters at most).
field-document-name-path = A name cannot hold "/" or "\", nor be dots only.
field-document-name-reserved = Windows reserves this name (CON, NUL, COM1…): choose another.
field-document-exists = A document of that name is already in this folder.
field-folder-exists = A folder of that name is already here.
error-folder-not-empty = This folder is not empty: move or delete what it holds first (the bin included).
field-share-days = Choose between 1 and 90 days.
wiki-title = Wiki
wiki-pages = Wiki pages
wiki-none = This wiki has no page yet.
wiki-new-page = New page
wiki-page-title = Page title
wiki-create = Create the page
wiki-back = Back to the wiki
wiki-updated = Changed on
wiki-empty-page = This page is still empty.
wiki-title-characters = A title may not hold square brackets [ ], a vertical bar | or a hash sign #.
wiki-title-taken = A page with this title already exists in this wiki.
wiki-edit = Edit
wiki-editor-back = Back to the page
wiki-editor-needs-script = Live editing needs JavaScript. The page can still be read below.
wiki-link-connecting = Connecting…
wiki-link-live = Live: every change is shared and saved.
wiki-link-offline = Offline: your changes are kept in this browser and sent when the connection is back.
wiki-link-ended = Editing stopped
wiki-presence = On the page
wiki-presence-alone = Nobody else is editing this page.
wiki-presence-line = line
wiki-toolbar = Formatting
wiki-format-heading = Heading
wiki-format-bold = Bold
wiki-format-italic = Italic
wiki-format-list = List
wiki-format-link = Link
wiki-format-table = Table
wiki-attach-hint = Paste or drop an image (or a file) into the text: it is added to the space's documents and inserted where the cursor is.
wiki-attaching = Sending the file to the space's documents…
wiki-attached = File added to the space's documents and inserted in the text.
wiki-source = Text (Markdown)
wiki-preview = Preview
wiki-history = History
wiki-blame = Who wrote what
wiki-blame-caption = Each line of the page with who wrote it
wiki-blame-author = Written by
wiki-blame-line = Line
wiki-blame-unknown = (original text)
wiki-back-to-page = Back to the page
wiki-revision = Revision
wiki-revision-saved = Revision saved:
wiki-revision-restored = Brought back as a new revision:
wiki-save-revision = Save a revision now
wiki-revision-note = Note (optional)
wiki-save = Save the revision
wiki-no-revision = No revision yet: the first is saved a few seconds after editing stops.
wiki-saved-on-demand = saved on demand
wiki-restores = brings back revision
wiki-compare-previous = compare with the previous one
wiki-restore = Restore revision
wiki-nothing-to-save = The text has not changed since the last revision.
wiki-open-page = Open the page
wiki-page-missing = this page does not exist yet.
wiki-page-missing-create = Create it with the form below: its title is filled in.
wiki-changes = Recent changes
wiki-bin = Wiki bin
wiki-bin-empty = The wiki's bin is empty.
wiki-deleted = Put in the bin on
wiki-follow = Follow this page
wiki-unfollow = Stop following this page
wiki-followed-changed = Pages you follow that changed since you last read them
wiki-approval = Approval
wiki-approval-is-on = Changes wait for an animator's approval before readers get them.
wiki-approval-is-off = Readers get each page as soon as a revision is saved.
wiki-approval-switch-on = Have changes approved
wiki-approval-switch-off = Stop having changes approved
wiki-approval-explain = In this space, readers get the last revision an animator approved.
wiki-approval-off = Approval is not switched on in this wiki.
wiki-approved = approved
wiki-changes-asked = changes asked:
wiki-approve = Approve revision
wiki-ask-changes = Ask for changes
wiki-changes-note = Changes to make
wiki-waiting = A newer revision waits for an animator's approval: readers get this one.
wiki-take-out = Take out of the bin
wiki-search = Search the wiki
wiki-search-button = Search
wiki-search-none = No page holds these words.
wiki-toc = Contents
wiki-backlinks = Pages that link here
wiki-rename = Rename or delete
wiki-rename-button = Rename
wiki-delete = Put the page in the bin
wiki-ancestors = Where this page is
wiki-children = Sub-pages
wiki-new-child = New sub-page
wiki-shares-hint = A share link lets someone outside the space read this page without an account, until its end date or until it is revoked.
wiki-child-title = Title of the sub-page
wiki-move = Place in the page tree
wiki-move-under = Under page
wiki-move-top = (at the top level)
wiki-move-button = Move
wiki-move-earlier = Move up one place
wiki-move-later = Move down one place
wiki-tree-too-deep = The wiki's page tree cannot go deeper than 12 levels: choose a page higher up.
wiki-move-under-itself = A page cannot go under itself or under one of its sub-pages.
export-file-wiki = your spaces' wikis: pages you created, per page how many changes you made with their dates, the revisions you wrote in and those you saved or restored, the pages you follow, the revisions you approved or asked changes to, the share links of pages you made or revoked (the pages' text belongs to their space)


mail-wiki-follow-subject = Pages you follow have changed
mail-wiki-follow-body = Hello { $name },

    These wiki pages you follow have changed:
    { $list }
    To stop hearing about a page, open it and choose "Stop following this page".

    — Parvis
