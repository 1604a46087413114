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

clean:
	rm -rf $(BUILD) build-cross
