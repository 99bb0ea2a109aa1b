site-description = Parvis : les stages de la Ville, l'innovation urbaine et les espaces collaboratifs.
skip-to-content = Aller au contenu
footer-text = Parvis — plateformes collaboratives de la Ville. Accessibilité : partiellement conforme (audit RGAA à venir).
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
error-reference-duplicate = Un élément porte déjà ce nom ou ce code.
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
