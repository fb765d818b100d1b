# Deux commandes suffisent sur une machine neuve : `make build` et `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test check serve schemas adresses bench browser clean exporter-actions importer-actions

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## check : valide tout le contenu (erreurs en français, fichier et ligne)
check: $(STAMP)
	@$(BIN)/convention check

## build : construit le site dans site/ (mode strict ; en cas d'échec, site/ n'est pas remplacé)
build: $(STAMP)
	@$(BIN)/convention build

## serve : aperçu sur http://127.0.0.1:8000, rechargé à chaque modification de content/
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## schemas : régénère les schémas JSON de content/schemas/ depuis le modèle
schemas: $(STAMP)
	$(BIN)/convention schemas

## adresses : ajoute à content/adresses.txt les nouvelles adresses du site (aucune n'est jamais retirée)
adresses: $(STAMP)
	@$(BIN)/convention adresses

## exporter-actions : écrit les actions dans un tableur CSV (FICHIER=actions.csv par défaut)
FICHIER ?= actions.csv
exporter-actions: $(STAMP)
	@$(BIN)/convention exporter-actions $(FICHIER)

## importer-actions : reporte dans content/ les statuts modifiés dans le CSV (FICHIER=actions.csv)
importer-actions: $(STAMP)
	@$(BIN)/convention importer-actions $(FICHIER)

## browser : installe Chromium (Debian) pour les tests dans le navigateur
browser:
	@bash .ci/install-chromium

## test : toute la suite (construction réelle, HTML, navigateur)
test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 -q

## bench : mesures de taille et de vitesse (voir README)
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .venv build
