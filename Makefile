# Deux commandes suffisent sur une machine neuve : `make build` et `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test check serve schemas adresses bench browser clean exporter-actions importer-actions assembler redirections

# The `convention` command already explains a content error in French; make would add
# « make: *** [Makefile:NN: check] Error 1 », which staff read as a second, unknown error.
# GNU make reports every failed recipe; it says nothing when it is itself ended by SIGPIPE
# (it has no handler for it, and shells do not report it either). So on failure the recipe
# ends its make that way: `make check` ends on the French report and exits non-zero (141).
# SIGINT or SIGTERM are no good: make then waits for the recipe (a race that prints
# « wait: No child processes ») or reports « Terminated ». Where SIGPIPE is ignored, the
# recipe's `exit 1` still fails the target, with make's usual line.
# CONVENTION_CONTENU (another content folder) reaches the command through the environment.
QUIET_FAILURE = || { kill -PIPE $$PPID; exit 1; }

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

## check : valide tout le contenu (erreurs en français, fichier et ligne)
check: $(STAMP)
	@$(BIN)/convention check $(QUIET_FAILURE)

## build : construit le site dans site/ (mode strict ; en cas d'échec, site/ n'est pas remplacé)
build: $(STAMP)
	@$(BIN)/convention build $(QUIET_FAILURE)

## serve : aperçu sur http://127.0.0.1:8000, rechargé à chaque modification de content/
## (--no-strict : un avertissement ne bloque pas l'aperçu, il est redit en français ; make build reste strict)
serve: $(STAMP)
	@$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000 $(QUIET_FAILURE)

## schemas : régénère les schémas JSON de content/schemas/ depuis le modèle
schemas: $(STAMP)
	$(BIN)/convention schemas

## adresses : ajoute à content/adresses.txt les nouvelles adresses du site (aucune n'est jamais retirée)
adresses: $(STAMP)
	@$(BIN)/convention adresses $(QUIET_FAILURE)

## exporter-actions : écrit les actions dans un tableur CSV (FICHIER=actions.csv par défaut)
FICHIER ?= actions.csv
exporter-actions: $(STAMP)
	@$(BIN)/convention exporter-actions $(FICHIER) $(QUIET_FAILURE)

## importer-actions : reporte dans content/ les statuts modifiés dans le CSV (FICHIER=actions.csv),
##   datés du jour, ou de DATE=AAAA-MM-JJ, sauf la date écrite dans la colonne statut_date
importer-actions: $(STAMP)
	@$(BIN)/convention importer-actions $(FICHIER) $(if $(DATE),--date $(DATE)) $(QUIET_FAILURE)

## assembler : crée un dossier d'agglomération (DOSSIER=…) à partir des dossiers de contenu des communes (CONTENUS="… …")
assembler: $(STAMP)
	@$(BIN)/convention assembler "$(DOSSIER)" $(CONTENUS) $(QUIET_FAILURE)

## redirections : pages qui mènent de l'ancien site d'une commune au site d'agglomération
##   make redirections COMMUNE_CONTENU=content AGGLO_URL=https://… DOSSIER_SORTIE=redirections [COMMUNE=identifiant]
redirections: $(STAMP)
	@$(BIN)/convention redirections "$(COMMUNE_CONTENU)" "$(AGGLO_URL)" "$(DOSSIER_SORTIE)" $(if $(COMMUNE),--commune $(COMMUNE)) $(QUIET_FAILURE)

## browser : installe les paquets système des tests (Debian) : Chromium, Java pour le validateur HTML
browser:
	@bash .ci/install-test-system

## test : toute la suite (construction réelle, HTML, navigateur)
test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 -q

## bench : mesures de taille et de vitesse (voir README)
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .venv build
