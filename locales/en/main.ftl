site-description = Parvis: the city's internships, urban innovation and collaborative workspaces.
skip-to-content = Skip to content
footer-text = Parvis — the city's collaborative platforms. Accessibility: partially compliant (RGAA audit to come).
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
error-reference-duplicate = An item already has this name or code.
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
