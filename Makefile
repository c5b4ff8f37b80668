# kehoach: the only task runner. `make help` lists the targets.
# On a fresh machine `make build` and `make test` set up .venv from pyproject.toml themselves.

PYTHON ?= python3
# The folder of this Makefile: targets work from anywhere (make -f …/Makefile).
HERE   := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-from-pyproject
PLAN   ?=
OUT    ?= build
# STRICT=1: a plan with warnings is not built (as CI does).
STRICT ?=

.DEFAULT_GOAL := help
.PHONY: help venv build pdf preview new import diff test lint imports typecheck ooxml mutate bench template schema readme clean

help: ## liệt kê các lệnh
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The virtual environment is rebuilt whenever pyproject.toml is newer than the last install.
$(STAMP): $(HERE)pyproject.toml
	@echo "Đang cài môi trường Python vào $(VENV)/ (chỉ lần đầu hoặc khi pyproject.toml đổi)…"
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip > $(VENV)/install.log 2>&1 \
	  && cd "$(HERE)" && $(abspath $(PY)) -m pip install --disable-pip-version-check -e '.[dev]' >> $(abspath $(VENV))/install.log 2>&1 \
	  || { cat $(VENV)/install.log; echo "Không cài được môi trường Python (xem lỗi ở trên)."; exit 1; }
	@touch $@

venv: $(STAMP) ## cài môi trường Python (.venv)

build: $(STAMP) ## tạo build/*.docx từ plans/*.yaml (chỉ cái có thay đổi); một tệp: make build PLAN=plans/x.yaml
	@$(PY) -m generator build --changed $(if $(STRICT),--strict) --out $(OUT) $(PLAN)

pdf: $(STAMP) ## tạo thêm build/*.pdf bằng LibreOffice (cần cài LibreOffice)
	@$(PY) -m generator build --changed --pdf --out $(OUT) $(PLAN)

preview: $(STAMP) ## ảnh PNG từng trang vào build/preview/<tên>/ cho mọi kế hoạch; một kế hoạch: make preview PLAN=plans/x.yaml
	@$(PY) -m generator preview --out $(OUT) $(or $(PLAN),$(wildcard plans/*.yaml))

# Missing arguments print how to call the target, without make's own English error line.
new: $(STAMP) ## kế hoạch năm sau: make new FROM=plans/2024-hoa-binh.yaml YEAR=2025 (ghi đè: FORCE=1)
	@if [ -z "$(FROM)" ] || [ -z "$(YEAR)" ]; then \
	  echo "Cách dùng: make new FROM=plans/2024-hoa-binh.yaml YEAR=2025   (thêm FORCE=1 để ghi đè tệp đã có)"; \
	else $(PY) -m generator new "$(FROM)" --year "$(YEAR)" $(if $(FORCE),--force); fi

import: $(STAMP) ## năm đầu: đọc kế hoạch năm trước từ tệp Word: make import FROM=ke-hoach-2024.docx (OUT=plans/x.yaml; FORCE=1)
	@if [ -z "$(FROM)" ]; then \
	  echo "Cách dùng: make import FROM=ke-hoach-2024.docx   (thêm OUT=plans/2024-x.yaml để đặt tên, FORCE=1 để ghi đè)"; \
	else $(PY) -m generator import "$(FROM)" $(if $(filter %.yaml,$(OUT)),--out "$(OUT)") $(if $(FORCE),--force); fi

diff: $(STAMP) ## những gì đổi so với năm trước, dạng Track Changes: make diff FROM=plans/2024-x.yaml TO=plans/2025-x.yaml
	@if [ -z "$(FROM)" ] || [ -z "$(TO)" ]; then \
	  echo "Cách dùng: make diff FROM=plans/2024-hoa-binh.yaml TO=plans/2025-hoa-binh.yaml   (tệp kết quả: build/<TO>-thay-doi.docx)"; \
	else $(PY) -m generator diff "$(FROM)" "$(TO)"; fi

test: $(STAMP) lint imports typecheck ## chạy toàn bộ kiểm thử (kèm ruff, import-linter và mypy)
	@$(PY) -m pytest

lint: $(STAMP) ## kiểm tra mã bằng ruff
	@$(PY) -m ruff check generator tests tools

imports: $(STAMP) ## kiểm tra các phần của mã chỉ nhập từ tầng dưới (import-linter)
	@$(VENV)/bin/lint-imports --no-logo --no-cache

typecheck: $(STAMP) ## kiểm tra kiểu bằng mypy
	@$(PY) -m mypy

ooxml: build ## kiểm tra build/*.docx theo lược đồ Open XML (như Microsoft Word), bằng openxml-audit
	@$(PY) -m openxml_audit --recursive --quiet --max-errors 0 $(OUT) && echo "Mọi tệp DOCX trong $(OUT)/ đúng lược đồ Open XML."

mutate: $(STAMP) ## kiểm thử đột biến (mutmut) các mô-đun logic thuần, vài phút; in các đột biến sống sót
	@rm -rf mutants
	@$(VENV)/bin/mutmut run --max-children 2 > .mutmut.log 2>&1 || { tail -20 .mutmut.log; exit 1; }
	@$(PY) tools/mutation_report.py

bench: $(STAMP) ## đo thời gian dựng văn bản
	@$(PY) tools/bench.py

template: $(STAMP) ## dựng lại templates/kehoach.docx từ generator/render/template_builder.py
	@$(PY) -m generator.render.template_builder

schema: $(STAMP) ## ghi schema/kehoach-plan-1.schema.json
	@$(PY) -m generator schema --out schema/kehoach-plan-1.schema.json

readme: $(STAMP) ## viết lại phần tham chiếu định dạng trong README.md từ định dạng kế hoạch
	@$(PY) tools/update_readme.py

clean: ## xóa thư mục build/
	rm -rf $(OUT)
