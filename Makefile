# Quick start: `make demo` and `make test` on a fresh machine (Python 3.11+).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT := out
HH := workbooks/hoang-hoa-2023
MASTER := $(OUT)/ke-hoach.xlsx

.PHONY: setup test test-all demo bench lint masters golden clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# `make test`: the quick tier, under two minutes on two cores: every test but those
# marked slow (LibreOffice, Chromium, whole seed plans end to end, the web app walked
# through several periods, the product in processes of its own: tests/conftest.py says
# which). `make test-all`: the whole suite, what CI runs (.ci/run). Both on a process
# per core (pytest-xdist; tests/conftest.py says what runs together and first).
# Python's bytecode cache on even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE): otherwise every run compiles and assertion-rewrites every
# test module again in each process (seconds of CPU each); __pycache__/ is gitignored.
test test-all: export PYTHONDONTWRITEBYTECODE :=
# The tests' scratch files (pytest's tmp_path, and the temporary files of the programs
# under test: openpyxl writes each sheet to one before zipping it) in memory where the
# machine has a tmpfs: test_merge.py (now tests/test_merge_*.py) on one process took
# 61 -> 58 s CPU and 146 -> 126 s wall with them there instead of on this machine's disk.
test test-all: export TMPDIR := $(if $(wildcard /dev/shm/.),/dev/shm,$(TMPDIR))

# One test process per core, at least two (the suite's groups are laid out for two: see
# tests/conftest.py) and at most eight (each process builds the session's shared plans
# once); on the 2-core machine this project is measured on, two. `make test JOBS=4`
# sets it.
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -lt 2 ] && n=2; [ $$n -gt 8 ] && n=8; echo $$n)

test: setup
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadgroup -m "not slow"

test-all: setup
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadgroup

lint: setup
	$(BIN)/ruff check cchc_xl tests scripts

# The whole workflow on the bundled Hoằng Hóa 2023 plan and its sample 9-month returns,
# starting from the plan as a Word document (written from the bundled master, then imported).
# merge exits 1 because the samples carry realistic mistakes; the demo shows them and goes on
# (an exit other than 1 stops it).
# Each step is announced in Vietnamese (the demo's reader is the office); the comments
# here are make's own, at the line's start, so make does not print them (a QA pass: the
# English notes on the exit codes were printed among the Vietnamese output).
demo: setup  # out/ is also the web app's data folder (cchc-xl serve --data out)
	@echo "== 1. Kế hoạch mẫu Hoằng Hóa 2023 dạng Word: $(OUT)/hoang-hoa-2023.docx"
	$(BIN)/python scripts/plan_documents.py $(HH)/master.xlsx $(OUT)/hoang-hoa-2023.docx
	@echo "== 2. Nhập thành bảng kế hoạch (mã thoát 1 ở bước này là bình thường: bảng đã tạo, kèm cảnh báo của chính kế hoạch mẫu)"
# exit 1: written, with warnings to read (the seed plan's own undated deadlines, and
# deadlines in November 2022, before the plan was issued)
	$(BIN)/cchc-xl import $(OUT)/hoang-hoa-2023.docx --out $(MASTER) --units $(HH)/master.xlsx \
		--force || [ $$? -eq 1 ]
	@echo "== 3. Kiểm tra, xem kế hoạch, in phụ lục nhiệm vụ"
	$(BIN)/cchc-xl check $(MASTER)
	$(BIN)/cchc-xl show $(MASTER)
	$(BIN)/cchc-xl appendix $(MASTER) --out $(OUT)/phu-luc-ke-hoach.xlsx
	@echo "== 4. Tách tệp giao cho từng đơn vị, kỳ 9 tháng"
	$(BIN)/cchc-xl split $(MASTER) --period 9T --out $(OUT)/giao-9T --force --silent
	@echo "== 5. Gộp các tệp mẫu đơn vị gửi lại (mã thoát 1 là bình thường: tệp mẫu có lỗi như đơn vị thật hay mắc)"
# exit 1: merged, with errors in some returns (the samples' mistakes); any other
# failure stops the demo
	$(BIN)/cchc-xl merge $(MASTER) $(HH)/returns-9T --period 9T \
		--out $(OUT)/tong-hop-9T.xlsx --feedback $(OUT)/phan-hoi-9T --received 19/09/2023 \
		--silent || [ $$? -eq 1 ]
	@echo "== 6. Lập báo cáo, công văn đôn đốc"
	$(BIN)/cchc-xl report $(OUT)/tong-hop-9T.xlsx --period 9T \
		--out $(OUT)/bao-cao-9T.xlsx --html $(OUT)/bao-cao-9T.html --docx $(OUT)/bao-cao-9T.docx
	$(BIN)/cchc-xl remind $(OUT)/tong-hop-9T.xlsx --period 9T \
		--out $(OUT)/don-doc-9T.docx --csv $(OUT)/don-doc-9T.xlsx --csv $(OUT)/don-doc-9T.csv
	$(BIN)/cchc-xl remind $(OUT)/tong-hop-9T.xlsx --period 9T --overdue \
		--out $(OUT)/qua-han-9T.docx --csv $(OUT)/qua-han-9T.xlsx --csv $(OUT)/qua-han-9T.csv
	@echo
	@echo "Kết quả trong $(OUT)/:"
	@echo "  kế hoạch (Word)     $(OUT)/hoang-hoa-2023.docx"
	@echo "  bảng kế hoạch       $(MASTER) (nhập từ tệp Word)"
	@echo "  phụ lục kế hoạch    $(OUT)/phu-luc-ke-hoach.xlsx"
	@echo "  tệp giao đơn vị     $(OUT)/giao-9T/ (danh sách: $(OUT)/giao-9T/danh-sach-tep-giao.xlsx)"
	@echo "  tổng hợp kỳ 9T      $(OUT)/tong-hop-9T.xlsx (sổ cái $(OUT)/cchc-ledger.sqlite)"
	@echo "  phản hồi đơn vị     $(OUT)/phan-hoi-9T/"
	@echo "  báo cáo             $(OUT)/bao-cao-9T.xlsx, .html và dự thảo Word $(OUT)/bao-cao-9T.docx"
	@echo "  công văn đôn đốc    $(OUT)/don-doc-9T.docx (trộn thư: $(OUT)/don-doc-9T.xlsx, .csv)"
	@echo "  đôn đốc quá hạn     $(OUT)/qua-han-9T.docx (trộn thư: $(OUT)/qua-han-9T.xlsx, .csv)"
	@echo
	@echo "Mở các bước trên trình duyệt (thư mục $(OUT)/ là thư mục làm việc của ứng dụng):"
	@echo "  $(BIN)/cchc-xl serve --data $(OUT)"

# pandas and python-calamine only for bench's reference column (not needed by the tool).
bench: setup
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python scripts/bench.py

# Rebuild the blank master templates (templates/master*.xlsx) and the seed masters
# from their transcriptions (workbooks/*/source/*.json).
masters: setup
	$(BIN)/python scripts/make_master_template.py templates
	$(BIN)/python scripts/build_seed_master.py workbooks/hoang-hoa-2023
	$(BIN)/python scripts/build_seed_master.py workbooks/nghia-hung-2023

# Write new golden reference workbooks, then stop with "review the diff": the new
# references are committed only after someone has looked at them.
golden: setup
	$(BIN)/python scripts/regenerate_golden.py

clean:
	rm -rf $(OUT) .pytest_cache
