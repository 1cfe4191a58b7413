#!/usr/bin/env bash
# Install the Debian packages casetrace needs, only those that are missing.
# Idempotent: a second run checks and installs nothing. Not Debian? See README.
set -euo pipefail

packages=()
need() { # need PACKAGE TEST-COMMAND...
  local pkg=$1; shift
  if ! "$@" >/dev/null 2>&1; then packages+=("$pkg"); fi
}
need tesseract-ocr      command -v tesseract
need tesseract-ocr-eng  test -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata
need tesseract-ocr-osd  test -e /usr/share/tesseract-ocr/5/tessdata/osd.traineddata
need poppler-utils      command -v pdftoppm
need wamerican          test -e /usr/share/dict/words
need fonts-dejavu-core  test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
need fonts-liberation   test -e /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf
need chromium           command -v chromium
# opencv-python (RapidOCR, the OCR fallback) loads these two shared libraries
need libgl1             sh -c 'ldconfig -p | grep -q "libGL\.so\.1"'
need libglib2.0-0       sh -c 'ldconfig -p | grep -q "libglib-2\.0\.so\.0"'

if [ ${#packages[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing system packages: ${packages[*]}" >&2
  echo "this is not a Debian/Ubuntu machine: install the equivalents by hand (see README.md)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing system packages: ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
