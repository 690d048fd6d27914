#!/bin/sh
# Bundles the component-library switches the practice settings pages can show
# (PracticeConfig.setting_markup) into ../static/components/: minified, production, self-contained.
# Run here after `npm install` (node_modules stays out of the repository).
set -eu
cd "$(dirname "$0")"
out=../static/components
mkdir -p "$out"
esbuild=node_modules/.bin/esbuild
common="--bundle --minify --format=iife --target=es2020 --legal-comments=eof"
$esbuild md-switch.js $common --outfile="$out/md-switch.js"
$esbuild react-switches.jsx $common --jsx=automatic --define:process.env.NODE_ENV='"production"' \
  --outfile="$out/react-switches.js"
ls -l "$out"
