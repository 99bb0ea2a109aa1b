site-description = Parvis : les stages de la Ville, l'innovation urbaine et les espaces collaboratifs.
skip-to-content = Aller au contenu
footer-text = Parvis — plateformes collaboratives de la Ville.
nav-label = Navigation principale
nav-stages = Stages
nav-innovation = Innovation
nav-espaces = Espaces
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-admin = Administration
nav-account = Mon compte
loading = Chargement…
save = Enregistrer
saved = Enregistré.
search = Rechercher
back-home = Retour à l'accueil

home-title = Parvis, le lieu de rencontre de la Ville
home-lead = Trois plateformes collaboratives : trouver un stage, partager l'innovation urbaine, travailler ensemble.
stages-summary = La place de marché des stages : les services publient leurs offres, les candidats postulent et suivent leurs candidatures en direct.
stages-details = Plus de 3 000 stagiaires par an, 28 directions et près de 300 métiers.
innovation-summary = Le site de référence de l'innovation urbaine, indépendant de tout fournisseur, et sa communauté de villes.
innovation-details = Des fiches relues par la rédaction, avec déclaration d'intérêts, et des échanges entre collectivités du monde entier.
espaces-summary = Des espaces de travail ouverts en quelques minutes aux agents et aux partenaires externes : documents, forum, agenda et wiki co-écrit en direct.
espaces-details = Chaque direction ouvre ses espaces elle-même, sans passer par l'informatique.

not-found-title = Page introuvable
not-found-text = Cette page n'existe pas ou n'existe plus.
sign-in-needed-title = Connexion nécessaire
sign-in-needed-text = Connectez-vous pour voir cette page.
forbidden-title = Accès refusé
forbidden-text = Votre compte n'a pas le rôle qui permet de voir cette page.
error-page-title = Une erreur est survenue

error-invalid = Certains champs sont à corriger.
error-bad-credentials = Adresse électronique ou mot de passe incorrect.
error-unauthenticated = Vous devez être connecté·e.
error-forbidden = Vous n'avez pas le droit de faire cela.
error-not-found = Élément introuvable.
error-rate-limited = Trop de tentatives. Réessayez dans quelques minutes.
error-internal = Une erreur interne est survenue ; elle a été enregistrée. Réessayez plus tard.
error-transport = La requête n'a pas pu être traitée. Vérifiez votre saisie et réessayez.
error-reset-link-invalid = Ce lien de réinitialisation n'est plus valable. Demandez-en un nouveau.
field-taken = Un autre élément porte déjà cette valeur.
error-role-duplicate = Ce compte a déjà ce rôle.
error-role-self-revoke = Vous ne pouvez pas retirer votre propre rôle d'administrateur.
error-cross-site = Requête refusée : elle ne vient pas de ce site.
error-unknown-language = Langue inconnue.

field-required = Ce champ est obligatoire.
field-email-invalid = Saisissez une adresse électronique valide, par exemple nom@exemple.fr.
field-email-taken = Un compte existe déjà avec cette adresse.
field-password-short = Le mot de passe doit compter au moins 10 caractères.
field-password-long = Le mot de passe ne peut pas dépasser 128 caractères.
field-password-wrong = Le mot de passe actuel est incorrect.
field-name-invalid = Le nom doit faire au plus 80 caractères, sans caractère de contrôle.
field-code-invalid = Le code est obligatoire, sans espace, 40 caractères au plus.
field-unknown = Cet élément n'existe pas.
field-time-zone = Choisissez un fuseau horaire de la liste (par exemple Europe/Paris).
field-scope-service = Ce rôle se donne pour un service : choisissez un service.
field-scope-direction = Ce rôle se donne pour une direction : choisissez une direction entière.

field-email = Adresse électronique
field-password = Mot de passe
field-display-name = Nom affiché
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
password-show = Afficher
password-hide = Masquer
password-hint = Au moins { $min } caractères. Une phrase facile à retenir convient très bien.

sign-in-title = Connexion
sign-in-submit = Se connecter
forgot-link = Mot de passe oublié ?
no-account-yet = Pas encore de compte ?
sign-up-title = Créer un compte
sign-up-lead = Un compte vous permet de postuler aux stages et de participer à la communauté de l'innovation.
sign-up-submit = Créer mon compte
have-account = Déjà un compte ?

account-title = Mon compte
account-roles = Mes rôles
sign-out = Se déconnecter
password-change-title = Changer de mot de passe
password-change-lead = Vos autres sessions seront fermées ; celle-ci reste ouverte.
password-change-submit = Changer le mot de passe
password-changed = Mot de passe changé. Vos autres sessions sont fermées.
account-time-zone-title = Fuseau horaire
account-time-zone-lead = Les dates et heures du site vous sont montrées dans ce fuseau. « — » : celui de la ville ({ $city }).
account-time-zone-field = Fuseau horaire
account-time-zone-submit = Enregistrer le fuseau
account-time-zone-saved = Fuseau horaire enregistré.

forgot-title = Mot de passe oublié
forgot-lead = Indiquez votre adresse : si un compte l'utilise, vous recevrez un lien pour choisir un nouveau mot de passe.
forgot-submit = Recevoir le lien
forgot-sent = Si un compte utilise cette adresse, un message vient de lui être envoyé.
reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le mot de passe

mail-reset-subject = Parvis : choisir un nouveau mot de passe
mail-reset-body = Bonjour { $name },

    Pour choisir un nouveau mot de passe, ouvrez ce lien (valable { $minutes } minutes, une seule fois) :
    { $link }

    Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.

    — Parvis

role-candidate = Candidat·e
role-member = Membre
role-host-agent = Agent d'accueil
role-direction-admin = Administrateur·rice de direction
role-editor = Éditeur·rice
role-site-admin = Administrateur·rice du site

jobs-admin-title = Travaux en arrière-plan
jobs-admin-intro = Les envois (courriels) qui ont échoué : ceux « en reprise » sont retentés d'eux-mêmes, de plus en plus espacés ; ceux « en échec » attendent que vous les relanciez.
jobs-admin-none = Aucun travail en échec ni en reprise.
jobs-admin-kind = Travail
jobs-admin-state = État
jobs-admin-attempts = Essais
jobs-admin-error = Dernière erreur
jobs-admin-created = Créé
jobs-admin-next = Prochain essai
jobs-admin-retry = Relancer
jobs-admin-failed = En échec
jobs-admin-retrying = En reprise
admin-title = Administration des rôles
admin-search-label = Rechercher un compte (adresse ou nom)
admin-role = Rôle
admin-scope = Périmètre
admin-scope-none = Tout le site
admin-whole-direction = toute la direction
grant = Attribuer
revoke = Retirer

reference-title = Données de référence
reference-summary = { $directions } directions, { $metiers } métiers, { $fields } thématiques.
reference-name = Nom
reference-directions = Directions et services
reference-metiers = Familles de métiers
reference-fields = Thématiques de l'innovation
reference-add = Ajouter un élément
reference-add-help = Une direction et une thématique demandent un code ; un service demande sa direction, un métier sa famille ; une thématique a aussi un nom anglais.
reference-kind = Type d'élément
reference-kind-direction = Direction
reference-kind-service = Service
reference-kind-family = Famille de métiers
reference-kind-metier = Métier
reference-kind-field = Thématique
reference-parent = Rattaché à
reference-parent-none = (aucun)
reference-code = Code
reference-name-en = Nom en anglais
rename = Renommer

offers-manage = Gérer mes offres
offers-open-count = { $count } offres ouvertes aux candidatures
offers-none = Aucune offre pour l'instant.
offer-new = Nouvelle offre
offer-edit = Modifier l'offre
offer-title = Intitulé
offer-state = État
offer-state-draft = Brouillon
offer-state-published = Publiée
offer-state-filled = Pourvue
offer-state-closed = Fermée
offer-state-archived = Archivée
offer-move-published = Publier
offer-move-filled = Marquer comme pourvue
offer-move-closed = Fermer
offer-move-archived = Archiver
offer-direction = Direction
offer-service = Service d'accueil
offer-metier = Métier
offer-education = Niveau d'études
offer-discipline = Discipline
offer-duration = Durée
offer-duration-weeks = Durée (en semaines, 26 au plus)
offer-weeks = semaines
offer-start = Début
offer-start-month = Mois de début
offer-deadline = Candidater avant le
offer-places = Nombre de places
offer-location = Lieu
offer-address = Adresse
offer-arrondissement = Arrondissement
offer-remote = Télétravail (jours par semaine)
offer-remote-days = Jours de télétravail par semaine (0 à 5)
offer-gratification = Gratification
offer-paid = Stage gratifié
offer-unpaid = Stage non gratifié
offer-paid-label = Stage gratifié
offer-paid-hint = Au-delà de { $weeks } semaines (deux mois), la gratification est obligatoire : elle sera appliquée quoi que dise cette case.
offer-contact = Contact
offer-contact-email = Adresse du contact
offer-description = Missions
offer-profile = Profil recherché
offer-not-open = Cette offre ne reçoit pas de candidatures.
offer-outside-paris = Hors Paris
offer-details = Détails de l'offre
education-bac = Bac
education-bac2 = Bac +2
education-bac3 = Bac +3
education-bac5 = Bac +5
education-doctorat = Doctorat
markdown-hint = Mise en forme Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…).
month-hint = Format AAAA-MM, par exemple 2027-03.
date-hint = Format AAAA-MM-JJ, par exemple 2027-01-31.
# Dates as people read them (server::human_dates): "juin 2027", "1er juin 2027", "30 novembre 2026 à 04 h 37".
date-month-1 = janvier
date-month-2 = février
date-month-3 = mars
date-month-4 = avril
date-month-5 = mai
date-month-6 = juin
date-month-7 = juillet
date-month-8 = août
date-month-9 = septembre
date-month-10 = octobre
date-month-11 = novembre
date-month-12 = décembre
date-first-day = 1er
date-month-year = { $month } { $year }
date-day = { $day } { $month } { $year }
date-instant = { $date } à { $hour } h { $minute }
arrondissement-hint = De 1 à 20 ; laissez vide hors de Paris.
pagination = Pages de résultats
previous = Page précédente
next = Page suivante
field-offer-title = L'intitulé doit compter de 5 à 150 caractères.
field-offer-description = Décrivez les missions (20 000 caractères au plus).
field-too-long = Ce texte est trop long.
field-characters = Ce texte contient un caractère de contrôle invisible (souvent collé depuis un autre logiciel) : retirez-le.
field-offer-duration = Indiquez une durée de 1 à 26 semaines.
field-month = Indiquez un mois au format AAAA-MM.
field-date = Indiquez une date au format AAAA-MM-JJ.
field-deadline-past = La date limite est déjà passée.
field-deadline-after-start = La date limite doit précéder le début du stage.
field-offer-places = Indiquez de 1 à 50 places.
field-arrondissement = Indiquez un arrondissement de 1 à 20, ou laissez vide.
field-remote-days = Indiquez de 0 à 5 jours.
error-offer-archived = Une offre archivée ne se modifie plus.
error-offer-move = Ce changement d'état n'est pas possible depuis l'état actuel.
error-offer-changed = L'offre a changé entre-temps ; rechargez la page.
error-same-change-meanwhile = Quelqu'un a fait la même modification au même moment ; rechargez la page pour la voir, puis réessayez si besoin.
error-gone-meanwhile = Ce à quoi cette modification se rapporte vient d'être supprimé ; rechargez la page.
error-busy-retry = Le site est très sollicité en ce moment ; réessayez.
offers-feed = Fil Atom de cette recherche
feed-offers-title = Parvis — offres de stage
feed-offers-search-title = Parvis — offres de stage : « { $words } »
feed-offers-filtered-title = Parvis — offres de stage (recherche)
feed-offer-summary = { $direction } · { $service } — { $metier } — { $weeks } semaines à partir de { $start } — candidater avant le { $deadline }
nav-my-applications = Mes candidatures
nav-my-offers = Mes offres
cv-title = Mon CV
cv-none = Vous n'avez pas encore déposé de CV.
cv-current = Voir mon CV
cv-file = Fichier PDF
cv-hint = Un PDF de { $max } Mo au plus. Il remplace le précédent ; seuls les services auxquels vous postulez le voient.
cv-upload = Déposer le CV
cv-saved = CV enregistré.
cv-of-candidate = Voir le CV
field-cv-too-big = Ce fichier est trop lourd.
field-cv-not-pdf = Ce fichier n'est pas un PDF.
applications-title = Mes candidatures
applications-none = Vous n'avez encore postulé à aucune offre.
applications-browse = Voir les offres
applications-received = Candidatures reçues
applications-none-received = Aucune candidature pour l'instant.
application-spontaneous = Candidature spontanée
application-withdraw = Retirer ma candidature
application-state-received = Reçue
application-state-in_review = En cours d'examen
application-state-interview = Entretien
application-state-accepted = Acceptée
application-state-declined = Déclinée
application-state-withdrawn = Retirée
application-state-expired = Expirée
application-move-in_review = Examiner
application-move-interview = Proposer un entretien
application-move-accepted = Accepter
application-move-declined = Décliner
apply-title = Postuler
apply-sign-in = Se connecter pour postuler
apply-done = Vous avez postulé. État de votre candidature :
apply-letter = Lettre de motivation
apply-letter-hint = Quelques paragraphes : ce qui vous attire dans ce stage, ce que vous pouvez apporter.
apply-submit = Envoyer ma candidature
apply-candidates-only = Seuls les comptes candidats peuvent postuler.
error-offer-closed = Cette offre ne reçoit plus de candidatures.
error-already-applied = Vous avez déjà postulé à cette offre.
error-application-move = Ce changement d'état n'est pas possible depuis l'état actuel de la candidature.
mail-application-received-subject = Nouvelle candidature : { $title }
mail-application-received-body = Bonjour,

    { $name } vient de postuler à l'offre « { $title } ».
    Candidature, lettre et CV : { $link }

    — Parvis
mail-spontaneous-received-subject = Nouvelle candidature spontanée : { $title }
mail-spontaneous-received-body = Bonjour,

    { $name } a envoyé une candidature spontanée à la direction « { $title } ».
    Elle attend dans le vivier de la direction : { $link }

    — Parvis
mail-application-moved-subject = Votre candidature : { $title }
mail-application-moved-body = Bonjour { $name },

    Votre candidature « { $title } » est désormais : { $state }.
    { $answer }
    Votre candidature : { $link }

    — Parvis
field-directions-count = Choisissez de une à cinq directions.
error-already-applied-direction = Une candidature spontanée à l'une de ces directions attend déjà une réponse.
spontaneous-title = Candidature spontanée
spontaneous-lead = Aucune offre ne vous correspond ? Proposez-vous à une ou plusieurs directions (cinq au plus) : votre candidature rejoint leur vivier.
spontaneous-directions = Directions
spontaneous-family = Famille de métiers (facultatif)
spontaneous-family-any = Toutes
spontaneous-submit = Envoyer ma candidature spontanée
spontaneous-sent = Candidature envoyée. Vous la suivez dans « Mes candidatures ».
spontaneous-link = Envoyer une candidature spontanée
spontaneous-pool = Candidatures spontanées de ma direction
dashboard-title = Tableau de bord de la sélection
dashboard-export = Exporter les candidatures (CSV)
dashboard-answer-times = Délai de première réponse
dashboard-answer-help = Du dépôt de la candidature à la première décision d'un agent (examen, entretien, acceptation ou refus).
dashboard-by-direction = Par direction
dashboard-by-service = Par service
dashboard-unit = Direction ou service
dashboard-answered = Répondues
dashboard-waiting = En attente
dashboard-median = Médiane
dashboard-p90 = 90ᵉ centile
dashboard-waiting-title = À traiter
dashboard-spontaneous = Candidatures spontanées en attente :
dashboard-expiring = Offres qui ferment dans les sept jours
dashboard-expiring-none = Aucune offre ne ferme dans les sept jours.
dashboard-offers = Candidatures par offre et par état
search-words = Mots-clés
search-any = Toutes
search-none = Aucune
search-not-direction = Sauf la direction
search-family = Famille de métiers
search-duration = Durée
search-remote = Télétravail possible
search-sort = Trier par
search-sort-relevance = Pertinence
search-sort-recent = Plus récentes
search-sort-deadline = Échéance la plus proche
search-reset = Effacer les critères
alerts-title = Mes alertes
alerts-lead = Pour chaque recherche enregistrée, vous recevez un courriel quand de nouvelles offres y répondent. Chacune a aussi son fil Atom.
alerts-none = Aucune recherche enregistrée.
alerts-go-search = Chercher des offres
alerts-feed = Fil Atom
alerts-delete = Ne plus suivre
alerts-every-offer = Toutes les offres
alerts-save = M'alerter des nouvelles offres
alerts-saved = Recherche enregistrée : vous serez prévenu par courriel.
alerts-sign-in = Se connecter pour être alerté des nouvelles offres
error-saved-searches-full = Vous suivez déjà 20 recherches : supprimez-en une avant d'en ajouter.
mail-alert-subject = { $count } nouvelle(s) offre(s) pour votre recherche
mail-alert-body = Bonjour { $name },

    De nouvelles offres répondent à votre recherche :
    { $offers }
    Toutes les offres de cette recherche : { $search }
    Gérer vos alertes : { $manage }

    — Parvis
mail-message-subject = Nouveau message : { $title }
mail-message-body = Bonjour,

    Un nouveau message vous attend sur la candidature de { $name } (« { $title } ») :
    { $link }

    — Parvis
answer-default-accepted = Bonjour,

    Nous avons le plaisir de retenir votre candidature. La personne qui suivra votre stage vous contactera très prochainement pour en fixer les modalités.

    Bien cordialement,
answer-default-declined = Bonjour,

    Nous vous remercions de l'intérêt que vous portez à nos services. Après examen, nous ne pouvons pas donner une suite favorable à votre candidature. Nous vous souhaitons de trouver rapidement le stage qui vous convient.

    Bien cordialement,
file-title = Dossier de candidature
file-open = Ouvrir le dossier
file-offer = Offre
file-spontaneous = Candidature spontanée
file-history = Historique
file-history-created = Candidature envoyée
file-by = par
file-messages = Messages
file-messages-none = Aucun message pour l'instant.
file-message-body = Votre message
file-message-send = Envoyer
file-message-sent = Message envoyé.
file-from-candidate = Candidat·e
file-from-agent = Service d'accueil
file-notes = Notes internes
file-notes-hint = Visibles des seuls agents qui suivent cette candidature, pas du candidat sur sa page.
file-notes-none = Aucune note.
file-note-body = Nouvelle note
file-note-add = Ajouter la note
file-decide = Décision
file-answer = Réponse envoyée au candidat
file-answer-hint = Le modèle de votre direction, à adapter avant l'envoi.
file-letter = Lettre de motivation
file-email = Adresse
direction-settings = Réglages de la direction
direction-settings-lead = Les modèles de réponse accompagnent chaque décision ; les agents choisis traitent avec vous le vivier des candidatures spontanées.
answer-templates = Modèles de réponse
answer-template-accepted = Réponse en cas d'acceptation
answer-template-declined = Réponse en cas de refus
answer-template-save = Enregistrer le modèle
answer-template-saved = Modèle enregistré.
pool-handlers = Agents qui traitent le vivier
pool-handlers-none = Aucun agent choisi : seuls les administrateurs de la direction traitent le vivier.
pool-handler-add = Ajouter
pool-handler-remove = Retirer
pool-handler-choose = Agent de la direction
pool-handler-no-agent = Aucun autre agent dans les services de la direction.
error-not-direction-agent = Cette personne n'est pas agent d'un service de la direction.
search-duration-min = Durée minimale
search-start = Début à partir de
filters-title = Filtres
filters-active-before-count = actifs :
filters-active = Filtres actifs
filters-remove = Retirer le filtre
filters-clear = Effacer les filtres
filters-apply = Appliquer
filters-chosen = choisi, retirer
filters-more = Voir { $count } de plus
search-except = Sauf { $direction }
profile-title = Mon profil
profile-lead = Les services qui reçoivent vos candidatures lisent ces informations avec votre lettre et votre CV. Tout est facultatif.
profile-school = École ou université
profile-phone = Téléphone
profile-presentation = Présentation en quelques lignes
profile-save = Enregistrer mon profil
profile-saved = Profil enregistré.
field-phone = Saisissez un numéro de téléphone (chiffres, espaces, +, points ou tirets).
innovation-rules = Règles d'indépendance
innovation-my-fiches = Mes fiches
innovation-review-queue = Fiches à relire
innovation-fiches = Fiches
fiche-fields = Thématiques
fiche-country = Pays
fiche-maturity = Maturité
fiche-language = Langue
fiche-place = Lieu
fiche-year = Année de lancement
fiche-cost = Ordre de coût
fiche-funding = Financement
fiche-contact = Ville ou organisme à contacter
fiche-results = Résultats et preuves
fiche-results-hint = Ce qui a été mesuré, par qui, avec quels chiffres.
fiche-lessons = Enseignements
fiche-sources = Sources
fiche-sources-hint = Un lien par ligne (https://…).
fiche-tags = Mots-clés
fiche-tags-hint = Séparés par des virgules.
fiche-interests = Déclaration d'intérêts
fiche-interests-hint = Êtes-vous lié à un fournisseur ou à la ville décrite ? Dites-le ici, ou écrivez « Aucun lien ». Elle est publiée avec la fiche.
fiche-by = Par
fiche-published = publiée le
fiche-new = Nouvelle fiche
fiche-none = Vous n'avez pas encore écrit de fiche.
fiche-follow = Suivi éditorial
fiche-edit = Modifier la fiche
fiche-title = Titre
fiche-summary = Résumé
fiche-body = Texte de la fiche
fiche-city = Ville
fiche-save = Enregistrer le brouillon
fiche-desk = Suivi de la fiche
fiche-public-page = Voir la fiche publiée
fiche-submit = Soumettre à la relecture
fiche-warnings = Vérifications d'indépendance
fiche-warnings-none = Aucun signe de promotion relevé.
fiche-warning-link = Lien vers un site commercial
fiche-warning-brand = Nom de marque ou de produit
fiche-warning-superlative = Superlatif ou formule promotionnelle
fiche-warning-call-to-buy = Incitation à acheter
fiche-reviews = Relectures
fiche-reviews-none = Aucune relecture pour l'instant.
fiche-revisions = Versions
fiche-revision = Version
fiche-diff-from = Comparer la
fiche-diff-to = avec la
fiche-diff = Comparer
fiche-review = Relire
fiche-review-comment = Commentaire pour l'auteur
fiche-review-acknowledge = J'ai examiné les signes de promotion relevés ci-dessus et la fiche respecte les règles d'indépendance.
fiche-queue-empty = Aucune fiche n'attend de relecture.
fiche-promo-terms = Marques et produits surveillés
fiche-promo-term = Nom de marque ou de produit
fiche-promo-add = Ajouter
fiche-state-draft = Brouillon
fiche-state-submitted = En relecture
fiche-state-changes_requested = Modifications demandées
fiche-state-published = Publiée
fiche-state-rejected = Refusée
maturity-idea = Idée
maturity-pilot = Expérimentation
maturity-deployed = Déployée
maturity-scaled = Généralisée
maturity-stopped = Arrêtée
review-comment = Commenter
review-request_changes = Demander des modifications
review-reject = Refuser
review-publish = Publier
review-acknowledge-required = Cochez la case : des signes de promotion ont été relevés.
fiche-field-title = Le titre doit compter de 5 à 150 caractères.
fiche-field-summary = Le résumé doit compter de 20 à 600 caractères.
fiche-field-body = Le texte doit compter au moins 50 caractères.
fiche-field-fields = Choisissez d'une à quatre thématiques.
fiche-field-year = Indiquez une année entre 1900 et l'année en cours.
fiche-field-sources = Un lien complet par ligne, commençant par https:// ou http://.
fiche-field-interests = La déclaration d'intérêts est obligatoire (« Aucun lien » si c'est le cas).
error-fiche-under-review = La fiche est en relecture : attendez la décision pour la modifier.
error-fiche-not-submittable = Cette fiche ne peut pas être soumise dans son état actuel.
error-fiche-not-under-review = Cette fiche n'est pas (ou plus) en relecture.
rules-intro = Les fiches décrivent des innovations publiques pour aider d'autres collectivités à décider. Leur valeur tient à leur indépendance.
rules-no-promotion = Une fiche ne fait la promotion ni d'une offre commerciale ni d'une ville : elle décrit, chiffre et cite ses sources.
rules-interests = Chaque auteur déclare ses liens avec un fournisseur ou avec la ville décrite ; la déclaration est publiée avec la fiche.
rules-sources = Les résultats s'appuient sur des sources vérifiables, citées en lien.
rules-review = Toute fiche, et toute modification d'une fiche publiée, passe par la relecture d'un éditeur avant publication.
rules-warnings = Les liens vers des sites commerciaux, les noms de marques ou de produits, les superlatifs et les incitations à acheter sont signalés à l'éditeur, qui doit les examiner avant de publier.
innovation-feed = Fil Atom des fiches
feed-innovation-title = Parvis — innovation
feed-innovation-field-title = Parvis — innovation : { $field }
innovation-open-data = Données ouvertes
rules-open-data = Le catalogue publié (jamais les brouillons ni les versions non publiées) est ouvert sous
comments-title = Commentaires
comments-feed = Fil Atom
feed-comments-title = Parvis — commentaires : { $fiche }
comments-none = Aucun commentaire pour l'instant.
comments-hidden = masqué
comments-flags = signalement(s)
comments-flag = Signaler
comments-write = Votre commentaire
comments-hint = Markdown accepté ; citez avec « > » en début de ligne.
comments-send = Publier le commentaire
comments-sign-in = Se connecter pour commenter
moderation-title = Modération
moderation-flagged = Contributions signalées
moderation-nothing = Aucune contribution signalée.
moderation-see = Voir
moderation-reason = Motif
moderation-hide = Masquer
moderation-restore = Rétablir
moderation-delete = Supprimer
moderation-log = Journal de modération
comments-follow = Suivre cette fiche
comments-unfollow = Ne plus suivre
notifications-title = Notifications
notifications-none = Aucune notification.
notifications-read = Tout marquer comme lu
notifications-comment = a commenté
notifications-mention = vous a mentionné sur
members-title = Membres
members-my-profile = Mon profil de membre
members-none = Aucun membre ne correspond.
members-contact = Écrire à ce membre
members-contact-hint = Votre message lui parvient par courriel avec votre nom et un lien vers votre profil ; ni votre adresse ni la sienne ne sont montrées.
members-contact-message = Votre message
members-contact-send = Envoyer
members-contact-sent = Message envoyé.
member-contact-self = Vous ne pouvez pas vous écrire à vous-même.
members-profile-lead = Votre profil apparaît dans l'annuaire des membres, visible des seuls membres connectés.
members-job = Fonction
members-organisation = Collectivité ou organisme
members-fields = Thématiques qui vous intéressent
members-languages = Langues parlées
members-bio = Présentation
members-save = Enregistrer mon profil
mail-member-contact-subject = { $name } vous écrit sur Parvis
mail-member-contact-body = Bonjour,

    { $name } vous a écrit depuis l'annuaire des membres de Parvis :

    { $message }

    Pour lui répondre, passez par son profil (votre adresse reste cachée) : { $link }

    — Parvis
fiche-images = Images
fiche-image-file = Image (PNG, JPEG, GIF ou WebP)
fiche-image-hint = 2 Mo au plus. Après l'envoi, copiez la ligne proposée dans le texte de la fiche.
fiche-image-upload = Envoyer l'image
fiche-image-added = Image enregistrée. Collez cette ligne dans le texte, à l'endroit voulu :
fiche-image-caption = Légende de l'image
field-image-too-big = Cette image est trop lourde.
field-image-type = Ce fichier n'est pas une image PNG, JPEG, GIF ou WebP.
field-image-undecodable = Cette image est illisible (fichier tronqué ou abîmé) : enregistrez-la de nouveau en PNG ou JPEG.
field-image-too-many-pixels = Cette image a trop de pixels (au plus 12 000 de côté et 40 mégapixels) : réduisez-la avant de l'envoyer.
comments-quote = Citer
fiche-translations = Aussi publiée en :
follow-city = Suivre cette ville
follow-field = Suivre ce domaine
follow-thread = Suivre cette discussion
threads-title = Discussions
threads-intro = Questions et retours d'expérience entre collectivités : « Qui a essayé… ? », « Comment avez-vous mesuré… ? ». Chaque discussion porte sur un ou plusieurs domaines.
threads-new = Poser une question
threads-sign-in = Se connecter pour poser une question
threads-feed = Fil Atom des discussions
feed-threads-title = Parvis — discussions
threads-none = Aucune discussion ne correspond.
threads-replies = réponse(s)
threads-form-hint = Décrivez votre situation et ce que vous cherchez à savoir. Les membres qui suivent les domaines choisis seront prévenus.
threads-question-title = Votre question, en une phrase
threads-question = Détails
threads-post = Publier la question
threads-back = ← Toutes les discussions
threads-replies-title = Réponses
threads-no-reply = Pas encore de réponse.
threads-reply = Votre réponse
threads-send = Publier la réponse
threads-sign-in-reply = Se connecter pour répondre
thread-field-title = Le titre doit compter au moins 5 caractères.
follows-title = Ce que vous suivez
follows-none = Vous ne suivez rien pour l'instant.
follows-kind-fiche = Fiche
follows-kind-thread = Discussion
follows-kind-field = Domaine
follows-kind-city = Ville
follows-stop = Suivi
follows-add = Suivre
follows-hint = Vous suivez automatiquement les fiches que vous commentez et les discussions où vous écrivez. Suivre une ville : depuis une fiche de cette ville.
digest-title = Résumé par courriel
digest-on = Vos notifications non lues vous sont envoyées par courriel, une fois par jour au plus.
digest-off = Vous ne recevez pas de résumé par courriel.
digest-stop = Ne plus recevoir le résumé
digest-start = Recevoir le résumé par courriel
moderation-kind-comment = Commentaire
moderation-kind-thread = Discussion
moderation-kind-reply = Réponse
translation-title = Traduction
translation-linked = Cette fiche est liée comme traduction de la fiche
translation-original = Numéro de la fiche publiée que celle-ci traduit
translation-save = Enregistrer le lien
translation-hint = Le numéro figure dans l'adresse de la fiche (/innovation/fiches/12). Laissez vide pour retirer le lien.
translation-not-found = Aucune autre fiche publiée ne porte ce numéro.
translation-same-language = Cette fiche est dans la même langue : une traduction doit être dans une autre langue.
notifications-reply = a répondu dans
notifications-thread = a ouvert une discussion :
notifications-fiche = a publié une fiche :
mail-digest-subject = Parvis Innovation : { $count } notification(s) non lue(s)
mail-digest-body = Bonjour { $name },

    Voici ce qui s'est passé sur ce que vous suivez :
    { $list }
    Toutes vos notifications et vos réglages : { $manage }

    — Parvis
fiche-related = Fiches proches

## erasure
former-member = Ancien membre
erasure-title = Supprimer mon compte
erasure-lead = Vous pouvez supprimer votre compte à tout moment. Après confirmation par votre mot de passe puis par un lien envoyé à votre adresse, la suppression est immédiate et définitive.
erasure-goes-title = Ce qui est supprimé
erasure-goes-profile = Votre profil de candidat ou candidate (école, téléphone, présentation) et vos CV, votre profil de membre Innovation, vos recherches enregistrées.
erasure-goes-applications = Vos candidatures en cours sont retirées, et la direction concernée en est avertie par courriel. Toutes vos candidatures perdent leur lettre, leurs messages et les notes des agents.
erasure-goes-community = Vos abonnements, vos notifications, vos signalements, votre choix de résumé par courriel et vos fiches jamais publiées.
erasure-goes-sessions = Vos connexions : ce navigateur et tous les autres sont déconnectés.
erasure-goes-identity = Votre nom, votre adresse électronique et votre mot de passe, ainsi que vos rôles. L'adresse redevient libre : vous pourrez créer un nouveau compte avec elle.
erasure-stays-title = Ce qui reste, et pourquoi
erasure-stays-contributions = Vos fiches publiées, commentaires, discussions et réponses restent, signés « Ancien membre » partout (pages, flux, exports) : d'autres personnes y ont répondu ou s'y réfèrent. Vous pouvez demander ci-dessous le retrait de vos commentaires et messages de discussion.
erasure-stays-decisions = Les décisions déjà prises sur vos candidatures (acceptée, refusée) restent, sans nom, adresse, CV ni lettre : les chiffres de la direction (délais de réponse, nombre de candidatures) ne changent pas.
erasure-stays-tombstone = Une trace anonyme du compte (un numéro, sans nom ni adresse, inutilisable pour se connecter) relie ces éléments entre eux.
erasure-remove-label = Supprimer aussi mes commentaires et mes messages de discussion
erasure-remove-hint = Vos commentaires sur les fiches, vos réponses et vos discussions sont supprimés (une discussion que vous avez ouverte l'est avec les réponses des autres membres). Vos fiches publiées restent.
erasure-password = Votre mot de passe, pour confirmer
erasure-submit = Supprimer mon compte
erasure-mail-sent = Nous vous avons envoyé un courriel : ouvrez le lien qu'il contient pour confirmer la suppression. Rien n'est supprimé avant.
erasure-confirm-title = Confirmer la suppression de votre compte
erasure-confirm-lead = En confirmant, votre compte est supprimé tout de suite et définitivement : votre profil, vos CV, vos candidatures en cours (retirées), vos abonnements et notifications, votre nom et votre adresse.
erasure-confirm-keep = Vos fiches publiées, commentaires et messages de discussion restent, signés « Ancien membre ».
erasure-confirm-remove = Vos commentaires, réponses et discussions sont supprimés aussi ; vos fiches publiées restent, signées « Ancien membre ».
erasure-confirm-submit = Supprimer définitivement mon compte
erasure-ask-again = Demander un nouveau lien depuis votre compte
erasure-done-title = Votre compte est supprimé
erasure-done-text = Vous êtes déconnecté ou déconnectée partout. Un dernier courriel vous le confirme. Vous pouvez créer un nouveau compte avec la même adresse quand vous le souhaitez.
error-erasure-link-invalid = Ce lien de suppression n'est pas valable : il a expiré, a déjà servi, ou le compte n'existe plus. Demandez-en un nouveau depuis votre compte.
error-erasure-last-site-admin = Vous êtes le dernier administrateur ou la dernière administratrice du site : donnez d'abord ce rôle à une autre personne, puis supprimez votre compte.
mail-erasure-confirm-subject = Parvis : confirmer la suppression de votre compte
mail-erasure-confirm-body = Bonjour { $name },

    Vous avez demandé la suppression de votre compte Parvis. Pour la confirmer, ouvrez ce lien (valable { $minutes } minutes) puis appuyez sur le bouton de la page :
    { $link }

    Si vous n'avez rien demandé, ignorez ce message : votre compte reste tel quel. Changez toutefois votre mot de passe, car la demande a été faite avec lui.

    — Parvis
mail-erased-subject = Parvis : votre compte est supprimé
mail-erased-body = Bonjour,

    Votre compte Parvis a été supprimé, comme vous l'avez demandé. Vos données personnelles sont effacées ; ce qui reste (fiches publiées, décisions déjà prises) ne porte plus votre nom.

    Vous pouvez créer un nouveau compte avec cette adresse quand vous le souhaitez.

    — Parvis
mail-application-withdrawn-erased-subject = Candidature retirée : { $title }
mail-application-withdrawn-erased-body = Bonjour,

    La candidature n° { $number } à « { $title } » a été retirée : la personne a supprimé son compte Parvis. Son nom, sa lettre et son CV ne sont plus disponibles.
    { $link }

    — Parvis

## retention
mail-inactive-subject = Parvis : votre compte sera supprimé le { $date }
mail-inactive-body = Bonjour { $name },

    Vous ne vous êtes pas connecté·e à Parvis depuis longtemps. Nous ne gardons pas les données d'un compte inutilisé plus de { $months } mois : votre compte et ce qu'il contient (profil, CV, candidatures, contributions) seront supprimés le { $date }.

    Pour garder votre compte, il suffit de vous connecter avant cette date :
    { $link }

    Si vous n'en avez plus besoin, vous n'avez rien à faire.

    — Parvis
## export
data-export-title = Mes données
data-export-lead = Téléchargez tout ce que Parvis conserve sur vous : votre compte, votre profil et votre CV, vos candidatures avec leur historique, les messages et les notes des agents, vos recherches, vos fiches, contributions et abonnements. Nous préparons une archive ZIP (des fichiers JSON décrits dans un README, et les fichiers que vous avez déposés) et vous envoyons un lien par courriel.
data-export-submit = Demander mes données
data-export-asked = Demande enregistrée : vous recevrez le lien par courriel dès que l'archive sera prête.
data-export-none = Vous n'avez pas demandé d'archive récemment.
data-export-preparing = Archive en préparation, demandée le
data-export-ready = Votre archive ({ $size } Mo) est prête : le lien envoyé par courriel fonctionne jusqu'au
data-export-expired = Le lien de votre dernière archive a expiré le
data-export-preparing-already = Une archive est déjà en préparation : vous recevrez son lien par courriel.
data-export-link-expired = Ce lien a expiré et l'archive a été supprimée : demandez-en une nouvelle ci-dessous.
data-export-link-unknown = Ce lien n'est pas valable pour ce compte. Connectez-vous avec le compte qui a demandé l'archive, ou demandez-en une nouvelle.
mail-data-export-subject = Parvis : vos données sont prêtes
mail-data-export-body = Bonjour { $name },

    L'archive de vos données est prête. Téléchargez-la en étant connecté à votre compte Parvis, par ce lien (valable jusqu'au { $until }) :
    { $link }

    Après cette date, l'archive est supprimée ; vous pourrez en demander une nouvelle sur la page de votre compte.

    Si vous n'avez rien demandé, changez votre mot de passe.

    — Parvis
export-readme-intro = Vos données sur Parvis : tout ce que le site conserve sur vous à la date de préparation de cette archive (droit d'accès et de portabilité, RGPD). Chaque fichier JSON correspond à un type de données :
export-readme-formats = Dates et heures : ISO 8601 en temps universel (UTC). Les valeurs 0 et 1 signifient non et oui. Un fichier vide ([] ou null) : Parvis ne conserve rien de ce type sur vous.
export-file-account = votre compte (adresse, nom, langue, fuseau horaire, date de création), vos rôles, les rôles que vous avez attribués, vos demandes de nouveau mot de passe (dates)
export-file-sign-in-failures = les échecs de connexion à votre adresse (adresse réseau, date), gardés quelques heures
export-file-sessions = vos sessions ouvertes (date d'expiration)
export-file-candidate-profile = votre profil de candidat (formation, téléphone, présentation) et votre CV (files/cv.pdf)
export-file-applications = vos candidatures : offre, état, lettre, historique des étapes, messages, et les notes privées des agents
export-file-saved-searches = vos recherches enregistrées
export-file-stages-staff-work = votre travail d'agent dans Stages : offres créées, étapes, messages et notes écrits (par candidature et date), modèles de réponse, viviers
export-file-member-profile = votre profil de membre Innovation et ses domaines
export-file-fiches = vos fiches, avec chaque version et les avis des éditeurs
export-file-fiche-revisions-on-others = les versions que vous avez écrites sur les fiches d'autres auteurs
export-file-fiche-images = les images que vous avez déposées (les fichiers sont dans files/images)
export-file-comments = vos commentaires
export-file-threads = vos discussions
export-file-replies = vos réponses aux discussions
export-file-follows = ce que vous suivez (fiches, discussions, domaines, villes)
export-file-notifications = vos notifications
export-file-flags = vos signalements
export-file-member-messages = les messages entre membres : envoyés (à qui, quand) et reçus (quand)
export-file-digest = votre choix sur le courriel récapitulatif (1 : désactivé)
export-file-innovation-editor-work = votre travail d'éditeur Innovation : avis, termes promotionnels, modération
export-file-originals = les fichiers que vous avez déposés, tels que Parvis les conserve
file-note-export = Le candidat peut lire ces notes : elles font partie des données qu'il peut télécharger (« Mes données », droit d'accès).
## legal
footer-legal-label = Informations légales
footer-accessibility = Accessibilité : non conforme
legal-phone = Téléphone
legal-email = Courriel
legal-hours-one = { $amount } heure
legal-hours = { $amount } heures
legal-days-one = { $amount } jour
legal-days = { $amount } jours
legal-months-one = { $amount } mois
legal-months = { $amount } mois
legal-notice-title = Mentions légales
legal-notice-intro = Parvis réunit les plateformes collaboratives de la Ville : Stages, Innovation et Espaces. Adresse du site :
legal-publisher = Éditeur
legal-director = Directeur ou directrice de la publication
legal-host = Hébergeur
legal-reuse = Réutilisation des contenus
legal-reuse-text = Les fiches publiées d'Innovation sont diffusées sous Licence Ouverte 2.0 et en données ouvertes ; les autres contenus ne peuvent être reproduits sans l'accord de l'éditeur.
legal-personal-data = Données personnelles, cookies et accessibilité
legal-personal-data-text = Voir :
cookies-title = Cookies
cookies-intro = Parvis ne dépose que des cookies strictement nécessaires à son fonctionnement. Aucun cookie de mesure d'audience, de publicité ou de réseau social : aucun traceur d'un tiers.
cookies-caption = Les cookies que Parvis dépose
cookies-name = Nom
cookies-purpose = À quoi il sert
cookies-lifetime = Durée
cookies-session-purpose = Votre session : il vous garde connecté·e d'une page à l'autre et, sans JavaScript, garde le texte d'un formulaire refusé pour vous le rendre. Il n'est lisible que par le serveur (HttpOnly) et ne contient qu'un identifiant aléatoire. Il n'est déposé que lorsque vous vous connectez ou envoyez un formulaire.
cookies-language-purpose = La langue que vous avez choisie (français ou anglais). Il n'est déposé que lorsque vous changez de langue ou vous connectez.
cookies-lifetime-session = Jusqu'à { $hours } heures sans visite (la déconnexion l'efface)
cookies-no-banner = Pourquoi aucun bandeau ne vous demande votre accord
cookies-no-banner-text = Les cookies strictement nécessaires au service que vous demandez sont dispensés de consentement (article 82 de la loi Informatique et Libertés ; lignes directrices et recommandation de la CNIL du 17 septembre 2020). Parvis n'en dépose pas d'autres : il n'a donc rien à vous demander.
cookies-nothing-else = Parvis n'utilise pas non plus le stockage local du navigateur pour vous suivre : il n'y garde que le texte des pages du wiki que vous modifiez, pour qu'une modification faite hors connexion ne soit pas perdue ; la déconnexion l'efface. Cette liste est vérifiée par des tests automatiques : tout nouveau cookie les fait échouer tant qu'il n'est pas ajouté ici.
cookies-control = Les effacer
cookies-control-text = Vous pouvez effacer ces cookies depuis les réglages de votre navigateur : vous serez déconnecté·e et le site reviendra en français.
privacy-title = Données personnelles
privacy-intro = Cette page dit quelles données personnelles Parvis traite, pourquoi, sur quelle base légale, qui les reçoit, combien de temps elles sont gardées et comment exercer vos droits (règlement général sur la protection des données, RGPD, article 13).
privacy-controller = Responsable du traitement
privacy-controller-text = Le responsable du traitement est { $name }, qui édite Parvis :
privacy-what = Les données traitées
privacy-accounts = Comptes (toutes les plateformes)
privacy-accounts-profile = Votre compte : nom affiché, adresse électronique, mot de passe (chiffré par une fonction à sens unique, jamais lisible), langue et fuseau horaire choisis, rôles confiés par la Ville.
privacy-accounts-sessions = Vos sessions : un identifiant aléatoire par navigateur connecté et sa date d'expiration.
privacy-accounts-sign-in = Les connexions : la date de votre dernière connexion ; les essais de connexion échoués, avec l'adresse IP d'où ils viennent, pour bloquer les essais en série ; les liens de réinitialisation du mot de passe.
privacy-accounts-mail = Les courriels qu'on vous envoie (notifications, alertes), gardés le temps de l'envoi avec votre adresse.
privacy-stages-profile = Le profil du candidat ou de la candidate : coordonnées, formation, disponibilités, ce que vous écrivez de vous.
privacy-stages-cv = Les CV (fichiers PDF) que vous déposez.
privacy-stages-applications = Les candidatures, spontanées ou à une offre, leur lettre et leur historique (chaque étape et sa date), la décision et sa réponse.
privacy-stages-messages = Les messages échangés avec les agents de la Ville sur une candidature.
privacy-stages-notes = Les notes privées des agents sur une candidature : elles ne vous sont pas montrées sur le site, mais ce sont des données vous concernant, comprises dans l'export de vos données.
privacy-stages-searches = Vos recherches enregistrées et leurs alertes.
privacy-innovation-profile = Le profil de membre : nom, ville, organisation, domaines, présentation.
privacy-innovation-fiches = Les fiches que vous écrivez, leurs versions et les échanges de relecture.
privacy-innovation-comments = Vos commentaires, et les signalements que vous faites.
privacy-innovation-threads = Les discussions que vous ouvrez et vos réponses.
privacy-innovation-messages = Les messages écrits à un autre membre depuis l'annuaire (ni votre adresse ni la sienne ne sont montrées).
privacy-innovation-follows = Ce que vous suivez (fiches, domaines, villes) et vos notifications.
privacy-purposes = Pourquoi
privacy-purpose-stages = Stages : publier les offres de stage de la Ville, recevoir et instruire les candidatures, correspondre avec les candidats et leur répondre.
privacy-purpose-innovation = Innovation : publier et relire les fiches d'innovation urbaine, animer la communauté (commentaires, discussions, messages), modérer.
privacy-purpose-accounts = Comptes : vous identifier, protéger votre compte (limiter les essais de connexion, réinitialiser un mot de passe) et vous envoyer les courriels que vous avez demandés.
privacy-purpose-figures = Statistiques de la Ville (délais de réponse, candidatures par direction), calculées sur des données rendues anonymes.
privacy-basis = Base légale
privacy-basis-text = Ces traitements sont nécessaires à l'exécution d'une mission d'intérêt public dont la Ville est investie (RGPD, article 6(1)(e)) : l'accueil de stagiaires dans ses services et le partage de l'innovation urbaine sont des missions de service public. La sécurité des comptes répond en outre à l'obligation de sécurité du RGPD (article 32).
privacy-basis-none = Parvis ne fait ni prospection, ni publicité, ni profilage, et ne prend aucune décision automatisée à votre sujet : chaque candidature est lue et décidée par un agent.
privacy-recipients = Qui reçoit vos données
privacy-recipients-stages = Une candidature : les agents du service qui publie l'offre et les administrateurs de sa direction ; une candidature spontanée : les agents que la direction désigne pour la recevoir.
privacy-recipients-innovation = Innovation : ce que vous publiez (fiches, commentaires, discussions, profil de membre) est public ; les messages entre membres ne sont lus que par leur destinataire ; les éditeurs et modérateurs de la Ville voient les contenus signalés ou en relecture.
privacy-recipients-staff = Les administrateurs de Parvis, agents de la Ville, pour le fonctionnement du service.
privacy-recipients-host = L'hébergeur (voir les mentions légales), sous-traitant de la Ville (RGPD, article 28), qui ne les utilise pour rien d'autre.
privacy-recipients-none = Vos données ne sont ni vendues, ni cédées, ni transférées hors de l'Union européenne.
privacy-retention = Combien de temps
privacy-retention-intro = Chaque durée ci-dessous est réglée par la Ville ; passé ce délai, un traitement automatique efface les données ou les rend anonymes.
privacy-retention-what = Données
privacy-retention-length = Durée
privacy-retention-why = Pourquoi cette durée
privacy-retention-after = Ce qui reste pour les statistiques de la Ville (délais, nombres par direction) est rendu anonyme : plus rien ne permet d'y retrouver une personne.
privacy-rights = Vos droits
privacy-rights-intro = Vous avez sur vos données les droits suivants (RGPD, articles 15 à 21) :
privacy-right-access = accès : savoir ce que Parvis garde sur vous et en obtenir une copie ;
privacy-right-rectification = rectification : corriger ce qui est inexact (la plupart des données se corrigent directement sur le site) ;
privacy-right-erasure = effacement : supprimer votre compte et ce qui s'y rattache ;
privacy-right-restriction = limitation : demander qu'une donnée contestée soit gelée le temps de vérifier ;
privacy-right-objection = opposition : vous opposer, pour une raison tenant à votre situation, à un traitement fondé sur la mission d'intérêt public ;
privacy-right-portability = portabilité : recevoir vos données dans un format ouvert et lisible par une machine (la Ville l'offre à tous, même quand la loi ne l'exige pas).
privacy-rights-how = Comment les exercer
privacy-rights-account = Depuis votre compte, rubrique « Mes données » : télécharger tout ce que Parvis garde sur vous (une archive ZIP) et supprimer votre compte.
privacy-rights-account-link = Mon compte
privacy-rights-write = Pour tout autre demande, écrivez au délégué à la protection des données (ci-dessous). La Ville répond dans un délai d'un mois, qui peut être prolongé de deux mois pour une demande complexe ; elle peut vous demander de prouver votre identité.
privacy-dpo = Délégué à la protection des données
privacy-complaint = Réclamation auprès de la CNIL
privacy-complaint-text = Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l'informatique et des libertés (CNIL) :
retention-applications_months = Candidatures non retenues (refusées, retirées, expirées), avec leurs messages, notes et le CV envoyé
retention-applications_months-why = Après la dernière étape : la CNIL admet de garder un candidat non retenu en vue d'autres offres jusqu'à deux ans après le dernier contact.
retention-accepted_applications_months = Candidatures retenues
retention-accepted_applications_months-why = Après la dernière étape : la convention de stage, son suivi et le temps d'un éventuel litige ; puis rendues anonymes (les statistiques restent).
retention-inactive_accounts_months = Comptes de candidats et de membres sans rôle d'agent
retention-inactive_accounts_months-why = Après la dernière connexion (la CNIL retient trois ans après le dernier contact) ; le compte est alors supprimé comme si vous le supprimiez vous-même.
retention-inactive_warning_days = Avertissement avant la suppression d'un compte inactif
retention-inactive_warning_days-why = Un courriel vous prévient ce délai avant la suppression ; il suffit de vous connecter pour garder le compte.
retention-moderation_log_months = Journal de modération d'Innovation (qui a masqué ou rétabli quoi)
retention-moderation_log_months-why = Le temps de répondre à une décision contestée.
retention-member_messages_months = Messages entre membres
retention-member_messages_months-why = Gardés seulement pour appliquer la limite quotidienne d'envois et répondre à un signalement d'abus.
retention-read_notifications_months = Notifications déjà lues
retention-read_notifications_months-why = Elles ne servent plus qu'à retrouver une activité récente.
retention-sign_in_failures_hours = Essais de connexion échoués (avec l'adresse IP)
retention-sign_in_failures_hours-why = Le temps de la limitation des essais et de l'examen d'un incident, pas plus.
retention-reset_tokens_hours = Liens de réinitialisation du mot de passe, utilisés ou expirés
retention-reset_tokens_hours-why = Après la fin de leur validité : le temps d'examiner un incident.
retention-space_sign_in_links_hours = Liens de connexion à usage unique des espaces, utilisés ou expirés
retention-space_sign_in_links_hours-why = Après la fin de leur validité : le temps d'examiner un incident.
retention-space_invitations_days = Invitations à un espace terminées (acceptées, révoquées ou expirées)
retention-space_invitations_days-why = Après leur fin : l'animateur les voit sur la page des membres ; l'adhésion acceptée reste.
retention-finished_jobs_days = Envois terminés (un courriel garde l'adresse de son destinataire)
retention-finished_jobs_days-why = Le temps de vérifier qu'un courriel est bien parti et d'examiner une panne.
retention-data_exports_days = Archive « Mes données » préparée et son lien de téléchargement
retention-data_exports_days-why = Le temps de la télécharger ; vous pouvez en demander une nouvelle.
accessibility-title = Accessibilité
accessibility-viewport-desktop = ordinateur
accessibility-viewport-phone = téléphone
accessibility-commitment = { $name } s'engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
accessibility-applies = Cette déclaration d'accessibilité s'applique à Parvis :
accessibility-state = État de conformité
accessibility-state-value = Parvis est non conforme avec le RGAA 4.1.2.
accessibility-state-why = Aucun audit de conformité au référentiel général d'amélioration de l'accessibilité (RGAA) n'a encore été réalisé : or le RGAA demande de déclarer « non conforme » un site qui n'a pas été audité. Seuls des contrôles automatiques ont été faits (ci-dessous) ; ils ne remplacent pas l'audit manuel des 106 critères, qui reste à mener.
accessibility-results = Résultats des tests
accessibility-results-method = Contrôle automatique de toutes les pages du site avec axe-core (règles des WCAG 2.0 et 2.1, niveaux A et AA), sur ordinateur et sur téléphone, en visiteur et connecté avec chaque rôle, le
accessibility-results-limits = Un contrôle automatique ne vérifie qu'une partie des critères du RGAA (il ne juge ni la pertinence d'une alternative, ni l'ordre de lecture, ni l'usage au clavier ou avec un lecteur d'écran) : le taux de conformité au RGAA n'est donc pas connu.
accessibility-results-none = Ces contrôles ne relèvent aucune violation, toutes gravités confondues.
accessibility-results-some = Ces contrôles relèvent encore { $count } violation(s) :
accessibility-not-accessible = Contenus non accessibles
accessibility-non-conformities = Non-conformités
accessibility-non-conformities-text = Celles que relèvent les contrôles automatiques sont listées ci-dessus. L'audit manuel pourra en révéler d'autres ; elles seront ajoutées ici.
accessibility-derogations = Dérogations pour charge disproportionnée
accessibility-derogations-text = Aucune.
accessibility-exempt = Contenus non soumis à l'obligation d'accessibilité
accessibility-exempt-text = Les contenus écrits ou déposés par les utilisateurs et utilisatrices, que la Ville ne produit ni ne contrôle avant leur publication : textes et images des fiches d'Innovation, commentaires et discussions, CV (PDF) des candidats.
accessibility-established = Établissement de cette déclaration
accessibility-established-on = Cette déclaration a été établie le
accessibility-technologies = Technologies utilisées
accessibility-technologies-text = HTML, CSS, WAI-ARIA, JavaScript et WebAssembly. Chaque page est rendue par le serveur et fonctionne aussi sans JavaScript.
accessibility-environment = Environnement de test
accessibility-environment-text = Chromium piloté par Playwright, avec le profil d'un ordinateur (1280 × 720 pixels) et celui d'un téléphone (Pixel 7).
accessibility-tools = Outils pour évaluer l'accessibilité
accessibility-tools-text = axe-core (par @axe-core/playwright), à chaque exécution des tests du site ; le test échoue dès qu'une violation apparaît ou qu'une violation listée ici disparaît, ce qui garde cette liste à jour.
accessibility-pages = Pages du site ayant fait l'objet de la vérification
accessibility-pages-text = Toutes : l'accueil, Stages (recherche, offre, candidatures, alertes, gestion des offres, direction, tableau de bord, candidature spontanée), Innovation (catalogue, fiche, règles, annuaire, membre, discussions, rédaction, relecture, modération, notifications, profil), Espaces, le compte (connexion, inscription, mot de passe), l'administration et les pages légales.
accessibility-feedback = Retour d'information et contact
accessibility-feedback-text = Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez nous contacter pour être orienté·e vers une alternative accessible ou obtenir le contenu sous une autre forme :
accessibility-form = Formulaire de contact
accessibility-recourse = Voies de recours
accessibility-recourse-text = Cette procédure est à utiliser si vous avez signalé au responsable du site un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service, et que vous n'avez pas obtenu de réponse satisfaisante. Vous pouvez :
accessibility-recourse-form = écrire un message au Défenseur des droits :
accessibility-recourse-delegate = contacter le délégué du Défenseur des droits dans votre région :
accessibility-recourse-letter = envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :

## Espaces
espaces-partner-sign-in = Partenaire d'un espace ?
espaces-sign-in-link-ask = Recevoir un lien de connexion par courriel
espaces-mine = Mes espaces
espaces-mine-none = Vous n'êtes membre d'aucun espace pour l'instant.
espaces-invitations-waiting = Invitations en attente
space-create = Créer un espace
space-create-lead = Choisissez un modèle : il règle les modules, la visibilité et la description, que vous pourrez changer ensuite.
space-create-submit = Créer l'espace
space-template = Modèle
space-template-project = Projet
space-template-network = Réseau
space-template-plan = Plan
space-template-project-description = Une équipe projet : documents, forum et agenda partagés.
space-template-network-description = Un réseau de correspondants : échanges d'expérience, documents et pages de wiki.
space-template-plan-description = Un plan mené avec des partenaires externes : documents, forum, agenda et wiki.
space-name = Nom de l'espace
space-description = Description
space-description-hint = Laissée vide, celle du modèle.
space-visibility = Visibilité
space-visibility-private = Privé : les membres seulement
space-visibility-agents = Ouvert à tous les agents de la Ville connectés
space-visibility-public = Public, en lecture seule
space-modules = Modules
space-module-documents = Documents
space-module-forum = Forum
space-module-calendar = Agenda
space-module-wiki = Wiki
space-role = Rôle
space-role-animator = Animateur·rice
space-role-contributor = Contributeur·rice
space-role-reader = Lecteur·rice
space-archived = archivé
space-archived-note = Cet espace est archivé : il se lit, mais rien n'y change tant qu'un animateur ne l'a pas restauré.
space-nav = Navigation de l'espace
space-home = Accueil de l'espace
space-members = Membres
space-settings = Réglages
space-members-count = Membres
space-my-role = Mon rôle
space-activity = Activité récente
space-activity-none = Rien pour l'instant.
activity-document-uploaded = { $actor } a déposé « { $subject } »
activity-new = nouveau
space-notify = Me prévenir de l'activité de cet espace
space-notify-site = Sur le site seulement
space-notify-immediate = Par un e-mail à chaque nouveauté
space-notify-digest = Par un e-mail récapitulatif quotidien
space-notify-saved = Préférence enregistrée.
espaces-mentions = On vous a mentionné
espaces-news = { $count ->
    [one] 1 nouveauté
   *[other] { $count } nouveautés
}
spaces-overview-title = Tous les espaces
spaces-overview-animators = Animateurs
spaces-overview-storage = Stockage
spaces-overview-last = Dernière activité
mail-space-activity-subject = { $space } : { $line }
mail-space-activity-body = Bonjour { $name },

    Dans l'espace « { $space } » : { $line }.
    { $link }

    Vous recevez ce message parce que vous avez demandé un e-mail à chaque nouveauté de cet espace. Pour changer cela : { $manage }

    — Parvis
mail-space-digest-subject = Vos espaces : { $count ->
    [one] 1 nouveauté
   *[other] { $count } nouveautés
}
mail-space-digest-body = Bonjour { $name },

    Voici ce qui s'est passé dans vos espaces depuis le dernier récapitulatif :
    { $list }
    Pour changer la façon dont vous êtes prévenu, ouvrez chaque espace : { $manage }

    — Parvis
space-restore = Restaurer l'espace
space-access-until = jusqu'au
space-access-ends = Fin de l'accès (partenaires)
space-access-ends-hint = Facultatif : le dernier jour où la personne accède à l'espace.
space-role-change = Changer le rôle
space-member-remove = Retirer de l'espace
space-invite = Inviter quelqu'un
space-invite-submit = Envoyer l'invitation
space-invitations = Invitations
space-invitations-none = Aucune invitation en attente.
invitation-sent = Invitation envoyée.
invitation-expires = expire le
invitation-revoke = Révoquer
invitation-state-pending = en attente
invitation-state-expired = expirée
invitation-state-revoked = révoquée
invitation-state-accepted = acceptée
space-settings-saved = Réglages enregistrés.
space-settings-save = Enregistrer les réglages
space-archive = Archiver l'espace
space-archive-lead = Un espace archivé se lit encore mais ne change plus ; un animateur peut le restaurer.
space-archive-submit = Archiver
invitation-title = Invitation à un espace
invitation-lead = { $inviter } vous invite à rejoindre l'espace « { $space } » comme { $role }.
invitation-address = Invitation adressée à
invitation-accept = Rejoindre l'espace
invitation-sign-in = Un compte existe à cette adresse : connectez-vous pour accepter.
invitation-or-link = Sans mot de passe ?
invitation-create-account = Créer votre compte de partenaire
invitation-create-lead = Votre compte donnera accès aux seuls espaces dont vous êtes membre.
invitation-password-hint = Facultatif : sans mot de passe, vous vous connecterez par un lien envoyé à votre adresse.
invitation-create-submit = Créer mon compte et rejoindre l'espace
invitation-ask-again = Demandez une nouvelle invitation à l'animateur de l'espace.
sign-in-link-title = Connexion par lien
sign-in-link-lead = Appuyez sur le bouton pour vous connecter.
sign-in-link-submit = Me connecter
sign-in-link-ask-lead = Indiquez votre adresse : si elle a un compte membre d'un espace, nous y envoyons un lien de connexion valable quelques minutes.
sign-in-link-ask-submit = Recevoir le lien
sign-in-link-sent = Si cette adresse a un compte membre d'un espace, un lien vient d'y être envoyé.
sign-in-link-ask-again = Demander un nouveau lien
space-agents-title = Agents de la Ville (Espaces)
space-agents-lead = Les comptes nommés ici créent des espaces et lisent ceux ouverts aux agents, comme les comptes ayant un rôle d'agent ou une adresse vérifiée d'un domaine de la Ville.
space-agent-grant = Nommer agent
space-agent-revoke = Retirer
field-space-already-member = Cette personne est déjà membre de l'espace.
error-space-archived = Cet espace est archivé : il est en lecture seule.
error-space-last-animator = Un espace garde toujours au moins un animateur : nommez-en un autre d'abord.
error-invitation-invalid = Ce lien d'invitation n'est pas valable.
error-invitation-used = Cette invitation a déjà été acceptée.
error-invitation-revoked = Cette invitation a été révoquée par l'animateur de l'espace.
error-invitation-expired = Cette invitation a expiré.
error-invitation-other-account = Cette invitation est adressée à une autre adresse que celle de votre compte : déconnectez-vous, ou demandez une invitation à votre adresse.
error-invitation-account-exists = Un compte existe déjà à cette adresse : connectez-vous pour accepter.
error-sign-in-link-invalid = Ce lien de connexion n'est pas valable : il a expiré ou a déjà servi.
export-file-spaces = vos espaces : appartenances (rôle, fin d'accès, choix des notifications), invitations reçues et envoyées, espaces créés, liens de connexion (dates), votre activité et les mentions de votre nom, les dossiers, documents et versions que vous avez déposés, vos liens de partage et leurs ouvertures
export-file-forum = les forums de vos espaces : discussions ouvertes, messages écrits, et jusqu'où vous avez lu chaque discussion
mail-space-invitation-subject = Parvis : invitation à l'espace « { $space } »
mail-space-invitation-body = Bonjour,

    { $inviter } vous invite à rejoindre l'espace « { $space } » sur Parvis comme { $role }.
    Pour accepter, ouvrez ce lien (valable jusqu'au { $until }) puis appuyez sur le bouton de la page :
    { $link }

    Si vous ne connaissez pas cet espace, ignorez ce message.
mail-space-sign-in-subject = Parvis : votre lien de connexion
mail-space-sign-in-body = Bonjour { $name },

    Pour vous connecter à Parvis, ouvrez ce lien (valable { $minutes } minutes, une seule fois) puis appuyez sur le bouton de la page :
    { $link }

    Si vous n'avez rien demandé, ignorez ce message.
error-space-not-archived = Cet espace n'est pas archivé.

## Espaces : forum
forum-title = Forum
forum-archived = Cet espace est archivé : le forum se lit seulement.
forum-new-thread = Nouveau sujet
forum-search = Rechercher dans le forum
forum-search-submit = Rechercher
forum-search-results = Sujets trouvés pour
forum-search-clear = Tous les sujets
forum-search-none = Aucun sujet ne contient ces mots.
forum-threads-none = Aucun sujet pour l'instant.
forum-categories = Catégories
forum-all = Tous les sujets
forum-category = Catégorie
forum-category-default = Général
forum-category-name = Nom de la catégorie
forum-category-new = Nouvelle catégorie
forum-category-add = Ajouter la catégorie
forum-category-rename = Renommer
forum-category-delete = Supprimer la catégorie
forum-one-reply = 1 réponse
forum-replies = réponses
forum-pinned = Épinglé
forum-locked = Verrouillé
forum-solved = Résolu
forum-unread = Non lu
forum-back = Retour au forum
forum-pin = Épingler
forum-unpin = Désépingler
forum-lock = Verrouiller
forum-unlock = Déverrouiller
forum-thread-locked = Ce sujet est verrouillé : on ne peut plus y répondre.
forum-thread-has-replies = Ce sujet a des réponses : seul un animateur peut le supprimer.
forum-reply = Répondre
forum-reply-label = Votre réponse
forum-reply-submit = Publier la réponse
forum-quote = Citer
forum-edited = modifié le
forum-edit = Modifier
forum-edit-label = Texte du message
forum-delete = Supprimer
forum-delete-thread = Supprimer le sujet
forum-solution = Solution
forum-solution-mark = Marquer comme solution
forum-solution-clear = Retirer la solution
forum-thread-title = Titre
forum-thread-body = Message
forum-thread-submit = Publier le sujet
activity-forum-thread = { $actor } a ouvert le sujet « { $subject } »
activity-forum-reply = { $actor } a répondu à « { $subject } »
activity-forum-edit = { $actor } a modifié un message de « { $subject } »
activity-wiki-revised = { $actor } a modifié la page « { $subject } »
activity-wiki-restored = { $actor } a rétabli une version antérieure de la page « { $subject } »
activity-wiki-approved = { $actor } a approuvé la page « { $subject } »
activity-wiki-changes-asked = { $actor } demande des modifications à la page « { $subject } »
## Espaces : agenda partagé (calendar)
space-calendar = Agenda
activity-event-created = { $actor } a ajouté l'événement « { $subject } »
activity-events-imported = { $actor } a importé des événements : { $subject }
export-file-calendar = l'agenda de vos espaces : événements créés, invitations reçues et vos réponses, liens d'abonnement (dates)
calendar-title = Agenda de « { $space } »
calendar-view-agenda = Agenda
calendar-view-week = Semaine
calendar-view-month = Mois
calendar-views = Affichage
calendar-previous = Précédent
calendar-next = Suivant
calendar-today = Aujourd'hui
calendar-period-agenda = À partir du { $from }
calendar-period-week = Semaine du { $from }
calendar-empty = Aucun événement sur cette période.
calendar-all-day = Toute la journée
calendar-cancelled = annulé
calendar-recurring = répété
calendar-zone-note = Heures affichées dans votre fuseau horaire. Les formulaires se remplissent dans celui de l'espace : { $zone }.
calendar-weekday-1 = lundi
calendar-weekday-2 = mardi
calendar-weekday-3 = mercredi
calendar-weekday-4 = jeudi
calendar-weekday-5 = vendredi
calendar-weekday-6 = samedi
calendar-weekday-7 = dimanche
calendar-new-event = Nouvel événement
calendar-edit-event = Modifier l'événement
calendar-field-title = Titre
calendar-field-start-date = Date de début
calendar-field-start-time = Heure de début
calendar-field-end-date = Date de fin
calendar-field-end-time = Heure de fin
calendar-field-all-day = Toute la journée
calendar-field-place = Lieu
calendar-field-description = Description (Markdown)
calendar-field-recurrence = Répétition
calendar-field-every = Tous les (semaines ou mois)
calendar-field-until = Jusqu'au (inclus)
calendar-field-count = Nombre d'occurrences
calendar-recurrence-none = Aucune
calendar-recurrence-weekly = Chaque semaine
calendar-recurrence-monthly = Chaque mois
calendar-save = Enregistrer
calendar-delete = Supprimer l'événement
calendar-starts = Début
calendar-ends = Fin
calendar-place = Lieu
calendar-repeats = Répétition
calendar-every = tous les { $every }
calendar-until = jusqu'au { $date }
calendar-count = { $count } fois
calendar-upcoming = Prochaines occurrences
calendar-cancel-occurrence = Annuler cette occurrence
calendar-restore-occurrence = Rétablir cette occurrence
calendar-attendees = Participants
calendar-no-attendees = Personne n'est invité pour l'instant.
calendar-invite = Inviter
calendar-invite-member = Membre à inviter
calendar-my-answer = Votre réponse
calendar-answer-pending = sans réponse
calendar-answer-yes = oui
calendar-answer-no = non
calendar-answer-maybe = peut-être
calendar-answer = Répondre
calendar-export = Télécharger (.ics)
calendar-back = Retour à l'agenda
calendar-feed = Abonnement (Outlook, Thunderbird, téléphone)
calendar-feed-explain = Un lien privé vers l'agenda de cet espace, à ajouter à votre logiciel d'agenda. Ne le partagez pas ; vous pouvez le révoquer ou en créer un nouveau à tout moment.
calendar-feed-new = Créer un nouveau lien
calendar-feed-revoke = Révoquer mon lien
calendar-feed-active = Vous avez un lien actif.
calendar-feed-link = Votre lien (affiché une seule fois) :
calendar-import = Importer un fichier .ics
calendar-import-file = Fichier .ics
calendar-import-submit = Importer
calendar-imported = { $count } événement(s) importé(s).
calendar-import-malformed = Ce fichier n'est pas un fichier iCalendar (.ics) lisible. Rien n'a été importé.
calendar-import-empty = Ce fichier ne contient aucun événement.
calendar-import-too-large = Ce fichier est trop volumineux (2 Mo et 2 000 événements au plus).
calendar-import-bad-event = Un événement de ce fichier est incomplet ou invalide (titre, début, ou fin avant le début). Rien n'a été importé.
calendar-import-unsupported-recurrence = Un événement de ce fichier se répète d'une façon non prise en charge (seules les répétitions hebdomadaires et mensuelles le sont). Rien n'a été importé.
calendar-error-date = Saisissez une date au format AAAA-MM-JJ.
calendar-error-time = Saisissez une heure au format HH:MM.
calendar-error-end-before-start = La fin de l'événement est avant son début.
calendar-error-every = Saisissez un nombre entre 1 et 52.
calendar-error-count = Saisissez un nombre entre 1 et 500.
calendar-error-until = La fin de la répétition doit suivre le début, dans les dix ans.
calendar-error-until-and-count = Choisissez une date de fin ou un nombre d'occurrences, pas les deux.
calendar-error-no-occurrence = L'événement n'a pas d'occurrence ce jour-là.
calendar-error-not-invitable = Cette personne n'est pas membre de l'espace, ou elle est déjà invitée.
mail-event-invitation-subject = Invitation : { $title } ({ $space })
mail-event-invitation-body = Bonjour,

    Vous êtes invité(e) à « { $title } » dans l'espace « { $space } », le { $when }.
    Lieu : { $place }
    Répondez (oui, non, peut-être) sur la page de l'événement :
    { $link }

    L'événement est joint à ce message (fichier .ics) pour votre agenda.
mail-event-reminder-subject = Rappel : { $title }, le { $when }
mail-event-reminder-body = Bonjour,

    Rappel : « { $title } » (espace « { $space } ») a lieu le { $when }.
    Lieu : { $place }
    { $link }
## Espaces — documents (dossiers, versions, corbeille, liens de partage)
space-documents = Documents
activity-document-version = { $actor } a déposé une nouvelle version de « { $subject } »
documents-title = Documents
documents-usage = Espace occupé : { $used } sur { $quota } (versions et corbeille comprises).
documents-max-size = Taille maximale d'un fichier : { $size }.
documents-search = Chercher un document par son nom
documents-search-submit = Chercher
documents-search-results = Documents dont le nom contient
documents-path = Dossiers
documents-top = Tous les documents
documents-none = Ce dossier ne contient aucun document.
documents-none-found = Aucun document ne porte ce nom.
documents-download = Télécharger
documents-preview = Aperçu (nouvel onglet)
documents-upload = Déposer des fichiers
documents-drop-hint = Choisissez des fichiers ou glissez-les ici. Un fichier du même nom dans ce dossier devient une nouvelle version.
documents-files = Fichiers
documents-upload-submit = Déposer
documents-uploading = Envoi en cours :
documents-uploaded = Fichier déposé.
documents-new-folder = Nouveau dossier
documents-folder-name = Nom du dossier
documents-new-folder-submit = Créer le dossier
documents-this-folder = Ce dossier
documents-folder-rename = Nouveau nom du dossier
documents-folder-rename-submit = Renommer le dossier
documents-folder-delete = Supprimer le dossier (vide)
documents-bin = Corbeille
documents-bin-hint = Les documents supprimés restent ici, et comptent dans l'espace occupé, jusqu'à ce qu'un animateur vide la corbeille.
documents-bin-empty = La corbeille est vide.
documents-bin-restore = Restaurer
documents-bin-delete = Supprimer définitivement
documents-bin-empty-all = Vider la corbeille
documents-back = Retour aux documents
documents-deleted = supprimé le
documents-in-bin = Ce document est dans la corbeille.
documents-size = Taille
documents-type = Type
documents-updated = Dernière version
documents-version = Version
documents-versions = Versions
documents-restored-from = restauration de
documents-restore-version = Restaurer la version
documents-rename = Renommer
documents-new-name = Nouveau nom
documents-rename-submit = Renommer
documents-move = Déplacer
documents-move-to = Dossier de destination
documents-move-submit = Déplacer
documents-delete = Mettre à la corbeille
documents-shares = Liens de partage
documents-shares-hint = Un lien de partage permet à une personne extérieure à l'espace de télécharger ce document sans compte, jusqu'à sa date de fin ou sa révocation.
documents-share-days = Durée de validité (jours)
documents-share-submit = Créer un lien
documents-share-made = Lien créé. Copiez-le maintenant : il ne sera plus affiché.
documents-shares-none = Aucun lien de partage.
documents-share-active = actif
documents-share-revoked = révoqué
documents-share-expired = expiré
documents-share-until = Valable jusqu'au
documents-share-openings = ouvertures :
documents-share-revoke = Révoquer
documents-share-opened = Ouvertures des liens
documents-share-opened-none = Aucun lien n'a encore été ouvert.
documents-shared-intro = Ce document a été partagé avec vous.
error-documents-quota = L'espace de stockage de cet espace est plein : le fichier n'a pas été déposé. Videz la corbeille ou supprimez des documents.
error-upload-interrupted = L'envoi du fichier a été interrompu : rien n'a été enregistré. Réessayez.
error-document-name-taken = Un document de ce nom existe déjà dans son dossier : renommez-le d'abord.
error-share-link-ended = Ce lien de partage a été révoqué ou a expiré : ce qu'il partageait n'est plus accessible par ce lien. Demandez un nouveau lien à la personne qui vous l'a envoyé.
field-document-too-big = Ce fichier dépasse la taille maximale.
field-document-name-long = Ce nom est trop long (255 caractères au plus).
field-document-name-path = Un nom ne peut contenir ni « / » ni « \ », ni n'être fait que de points.
field-document-name-reserved = Ce nom est réservé par Windows (CON, NUL, COM1…) : choisissez-en un autre.
field-document-exists = Un document de ce nom existe déjà dans ce dossier.
field-folder-exists = Un dossier de ce nom existe déjà ici.
error-folder-not-empty = Ce dossier n'est pas vide : déplacez ou supprimez d'abord ce qu'il contient (la corbeille comprise).
field-share-days = Choisissez une durée entre 1 et 90 jours.
wiki-title = Wiki
wiki-pages = Pages du wiki
wiki-none = Ce wiki n'a pas encore de page.
wiki-new-page = Nouvelle page
wiki-page-title = Titre de la page
wiki-create = Créer la page
wiki-back = Retour au wiki
wiki-updated = Modifiée le
wiki-empty-page = Cette page est encore vide.
wiki-title-characters = Un titre ne peut contenir ni crochets [ ], ni barre verticale |, ni dièse #.
wiki-title-taken = Une page de ce titre existe déjà dans ce wiki.
wiki-edit = Modifier
wiki-editor-back = Retour à la page
wiki-editor-needs-script = La modification en direct demande JavaScript. La page reste lisible ci-dessous.
wiki-link-connecting = Connexion…
wiki-link-live = En direct : chaque modification est partagée et enregistrée.
wiki-link-offline = Hors ligne : vos modifications sont gardées dans ce navigateur et seront envoyées à la reconnexion.
wiki-link-ended = Modification interrompue
wiki-presence = Sur la page
wiki-presence-alone = Personne d'autre ne modifie cette page.
wiki-presence-line = ligne
wiki-toolbar = Mise en forme
wiki-format-heading = Titre
wiki-format-bold = Gras
wiki-format-italic = Italique
wiki-format-list = Liste
wiki-format-link = Lien
wiki-format-table = Tableau
wiki-attach-hint = Collez ou déposez une image (ou un fichier) dans le texte : elle est ajoutée aux documents de l'espace et insérée à l'endroit du curseur.
wiki-attaching = Envoi du fichier aux documents de l'espace…
wiki-attached = Fichier ajouté aux documents de l'espace et inséré dans le texte.
wiki-source = Texte (Markdown)
wiki-preview = Aperçu
wiki-history = Historique
wiki-blame = Qui a écrit quoi
wiki-blame-caption = Chaque ligne de la page avec la personne qui l'a écrite
wiki-blame-author = Écrite par
wiki-blame-line = Ligne
wiki-blame-unknown = (texte d'origine)
wiki-back-to-page = Retour à la page
wiki-revision = Révision
wiki-revision-saved = Révision enregistrée :
wiki-revision-restored = Rétablie comme nouvelle révision :
wiki-save-revision = Enregistrer une révision maintenant
wiki-revision-note = Note (facultative)
wiki-save = Enregistrer la révision
wiki-no-revision = Pas encore de révision : la première est enregistrée quelques secondes après la fin d'une modification.
wiki-saved-on-demand = enregistrée à la demande
wiki-restores = rétablit la révision
wiki-compare-previous = comparer avec la précédente
wiki-restore = Rétablir la révision
wiki-nothing-to-save = Le texte n'a pas changé depuis la dernière révision.
wiki-open-page = Ouvrir la page
wiki-page-missing = cette page n'existe pas encore.
wiki-page-missing-create = Créez-la avec le formulaire ci-dessous, son titre est déjà rempli.
wiki-changes = Modifications récentes
wiki-bin = Corbeille du wiki
wiki-bin-empty = La corbeille du wiki est vide.
wiki-deleted = Mise à la corbeille le
wiki-follow = Suivre cette page
wiki-unfollow = Ne plus suivre cette page
wiki-followed-changed = Pages suivies modifiées depuis votre dernière lecture
wiki-approval = Relecture
wiki-approval-is-on = Les modifications attendent l'approbation d'un animateur avant d'être lues.
wiki-approval-is-off = Les lecteurs lisent chaque page dès qu'une révision est enregistrée.
wiki-approval-switch-on = Faire approuver les modifications
wiki-approval-switch-off = Ne plus faire approuver les modifications
wiki-approval-explain = Dans cet espace, les lecteurs lisent la dernière révision approuvée par un animateur.
wiki-approval-off = La relecture n'est pas activée dans ce wiki.
wiki-approved = approuvée
wiki-changes-asked = modifications demandées :
wiki-approve = Approuver la révision
wiki-ask-changes = Demander des modifications
wiki-changes-note = Modifications à faire
wiki-waiting = Une révision plus récente attend l'approbation d'un animateur : les lecteurs voient celle-ci.
wiki-take-out = Sortir de la corbeille
wiki-search = Chercher dans le wiki
wiki-search-button = Chercher
wiki-search-none = Aucune page ne contient ces mots.
wiki-toc = Sommaire
wiki-backlinks = Pages qui mènent ici
wiki-rename = Renommer ou supprimer
wiki-rename-button = Renommer
wiki-delete = Mettre la page à la corbeille
wiki-ancestors = Emplacement de la page
wiki-children = Sous-pages
wiki-new-child = Nouvelle sous-page
wiki-shares-hint = Un lien de partage permet à une personne extérieure à l'espace de lire cette page sans compte, jusqu'à sa date de fin ou sa révocation.
wiki-child-title = Titre de la sous-page
wiki-move = Place dans l'arborescence
wiki-move-under = Sous la page
wiki-move-top = (au premier niveau)
wiki-move-button = Déplacer
wiki-move-earlier = Monter d'un rang
wiki-move-later = Descendre d'un rang
wiki-tree-too-deep = L'arborescence du wiki ne peut pas dépasser 12 niveaux : choisissez une page moins profonde.
wiki-move-under-itself = Une page ne peut pas aller sous elle-même ni sous l'une de ses sous-pages.
export-file-wiki = les wikis de vos espaces : pages que vous avez créées, par page le nombre de vos modifications avec leurs dates, les révisions auxquelles vous avez écrit et celles que vous avez enregistrées ou rétablies, les pages que vous suivez, les révisions que vous avez approuvées ou renvoyées, les liens de partage de pages que vous avez créés ou révoqués (le texte des pages appartient à leur espace)


mail-wiki-follow-subject = Des pages que vous suivez ont changé
mail-wiki-follow-body = Bonjour { $name },

    Ces pages de wiki que vous suivez ont changé :
    { $list }
    Pour ne plus être prévenu d'une page, ouvrez-la et choisissez « Ne plus suivre cette page ».

    — Parvis
