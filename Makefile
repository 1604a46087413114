# pvdump - top-level convenience targets.
#
#   make demo    install missing packages, build, run the end-to-end demo on uvsim
#   make check   install missing packages, build, run every test
#   make         build only (after ./configure or the targets above)

BUILD ?= build
MESON_TEST_ARGS ?= --print-errorlogs

.PHONY: all build demo check deps deps-check clean check-asan

all: build

deps:
	@scripts/install-deps.sh build

deps-check:
	@scripts/install-deps.sh check

$(BUILD)/build.ninja:
	./configure --builddir=$(BUILD)

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

demo: deps build
	scripts/demo.sh $(BUILD)

check: deps-check build
	meson test -C $(BUILD) $(MESON_TEST_ARGS)

# ASan+UBSan build of everything, unit and functional suites (the fuzz
# suite has its own sanitizers; the cross build has none to run).  Reports
# of every process, including the pvdump-vm instances the Python tests
# start and only quit, go to files under $(ASAN_BUILD)/sanitizer-logs, and
# any such file fails the target: a test that ignores its VM's exit status
# cannot hide a finding.
ASAN_BUILD ?= build-asan
SAN_LOGS = $(CURDIR)/$(ASAN_BUILD)/sanitizer-logs
SAN_ENV = ASAN_OPTIONS=halt_on_error=1:print_stacktrace=1:detect_leaks=1:fast_unwind_on_malloc=0:log_path=$(SAN_LOGS)/asan \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(SAN_LOGS)/ubsan \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-suppressions.txt:print_suppressions=0

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) --buildtype=debug \
	    -Db_sanitize=address,undefined -Db_lundef=false

check-asan: deps-check $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	rm -rf $(SAN_LOGS) && mkdir -p $(SAN_LOGS)
	$(SAN_ENV) meson test -C $(ASAN_BUILD) $(MESON_TEST_ARGS) \
	    --suite unit --suite functional
	@if [ -n "$$(ls -A $(SAN_LOGS))" ]; then \
	    cat $(SAN_LOGS)/*; echo "check-asan: sanitizer reports above" >&2; \
	    exit 1; fi

clean:
	rm -rf $(BUILD) build-cross $(ASAN_BUILD)
