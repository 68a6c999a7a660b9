#!/bin/bash
# How the Tiled files in this folder were made: from small.mml (and
# every-kind.mml: every kind of object, with paths and links) by the
# project's converter, then opened and written again by the real Tiled 1.8
# (Debian's package 'tiled', run headless), so every file here is as Tiled
# saves it. Needs: a build in ../../build (levelconv) and tiled.
#   bash tests/tiled/make-tiled-files.sh
set -euo pipefail
cd "$(dirname "$0")"
export QT_QPA_PLATFORM=offscreen
TILED="tiled"
CONV=../../build/levelconv
# Inputs sit beside the outputs, so Tiled writes tileset paths as plain names.
work=_tmp
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cp ../../levels/tiled/miraclemile.tsx ../../levels/tiled/miraclemile-tiles.png .
"$CONV" small.mml "$work/in.tmx" --tileset ../miraclemile.tsx

# Re-encode the layer data of a TMX (Tiled keeps a map's layer format when it
# saves, so this chooses the format Tiled writes).
reencode() { # in out encoding compression
  python3 - "$@" <<'PY'
import base64, gzip, re, struct, sys, zlib
src, dst, enc, comp = sys.argv[1:5]
t = open(src).read()
m = re.search(r'<data encoding="csv">(.*?)</data>', t, re.S)
gids = [int(v) for v in m.group(1).replace('\n', '').split(',') if v.strip()]
raw = b''.join(struct.pack('<I', g) for g in gids)
if comp == 'zlib': raw = zlib.compress(raw)
if comp == 'gzip': raw = gzip.compress(raw, mtime=0)
attrs = 'encoding="base64"' + (f' compression="{comp}"' if comp != 'none' else '')
t = t.replace(m.group(0), f'<data {attrs}>\n   {base64.b64encode(raw).decode()}\n  </data>')
open(dst, 'w').write(t)
PY
}

# CSV with the external tileset: Tiled's default.
"$TILED" --export-map tmx "$work/in.tmx" csv.tmx
# Base64, plain, zlib and gzip.
reencode "$work/in.tmx" "$work/b64.tmx" base64 none
"$TILED" --export-map tmx "$work/b64.tmx" base64.tmx
reencode "$work/in.tmx" "$work/zlib.tmx" base64 zlib
"$TILED" --export-map tmx "$work/zlib.tmx" base64-zlib.tmx
reencode "$work/in.tmx" "$work/gzip.tmx" base64 gzip
"$TILED" --export-map tmx "$work/gzip.tmx" base64-gzip.tmx
# The tileset embedded in the map.
"$TILED" --export-map --embed-tilesets tmx "$work/in.tmx" embedded.tmx
# Tiled's JSON: with the .tsx, with a .tsj tileset, and embedded.
"$TILED" --export-map json "$work/in.tmx" map.tmj
"$TILED" --export-tileset json miraclemile.tsx miraclemile.tsj
sed 's/miraclemile.tsx/miraclemile.tsj/' "$work/in.tmx" > "$work/tsj.tmx"
"$TILED" --export-map json "$work/tsj.tmx" map-tsj.tmj
"$TILED" --export-map --embed-tilesets json "$work/in.tmx" embedded.tmj
# Maps the game must refuse, in words: isometric, and infinite.
sed 's/orientation="orthogonal"/orientation="isometric"/' "$work/in.tmx" > "$work/iso.tmx"
"$TILED" --export-map tmx "$work/iso.tmx" bad-isometric.tmx
python3 - "$work/in.tmx" "$work/inf.tmx" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
m = re.search(r'<data encoding="csv">(.*?)</data>', t, re.S)
w = int(re.search(r'<map[^>]* width="(\d+)"', t).group(1))
h = int(re.search(r'<map[^>]* height="(\d+)"', t).group(1))
t = t.replace('infinite="0"', 'infinite="1"')
t = t.replace(m.group(0), f'<data encoding="csv">\n   <chunk x="0" y="0" width="{w}" height="{h}">{m.group(1)}</chunk>\n  </data>')
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/inf.tmx" bad-infinite.tmx
# Things the game does not use, each ignored with a warning: a map property,
# an image layer, an object type and an object property.
python3 - "$work/in.tmx" "$work/extras.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace('<properties>', '<properties>\n  <property name="weather" value="smog"/>', 1)
t = t.replace('</map>', ' <imagelayer id="9" name="Sky"/>\n</map>')
t = t.replace('</objectgroup>', '  <object id="90" type="car" x="32" y="32" width="16" height="16"/>\n'
              '  <object id="91" type="diner" x="128" y="64" width="16" height="16">\n'
              '   <properties><property name="mood" value="grumpy"/></properties>\n  </object>\n'
              ' </objectgroup>')
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/extras.tmx" extras.tmx
# Every kind of object, paths and links, as Tiled writes them in TMX and JSON.
"$CONV" every-kind.mml "$work/every.tmx" --tileset ../miraclemile.tsx
"$TILED" --export-map tmx "$work/every.tmx" every-kind.tmx
"$TILED" --export-map json "$work/every.tmx" every-kind.tmj
# Objects the game must refuse or skip, each with its message (see
# bad-objects.expected): an unknown kind, a fraction for a whole number, a
# colour where none is wanted, a path of one point, a path with no name, a
# link to an object that is not in the map, a cop drawn as a polyline and a
# link to a path.
python3 - "$work/in.tmx" "$work/bad.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace('</objectgroup>', '''  <object id="20" type="mailbox" x="48" y="48" width="16" height="16"/>
  <object id="21" type="cop" x="128" y="16" width="16" height="16">
   <properties>
    <property name="speed" type="float" value="2.5"/>
    <property name="sight" type="color" value="#ff00ff00"/>
    <property name="path" value="stub"/>
   </properties>
  </object>
  <object id="22" name="stub" x="136" y="24">
   <polyline points="0,0"/>
  </object>
  <object id="23" x="40" y="88">
   <polyline points="0,0 32,0"/>
  </object>
  <object id="24" type="trigger" x="16" y="80" width="32" height="16">
   <properties>
    <property name="do" value="open"/>
    <property name="target" type="object" value="99"/>
   </properties>
  </object>
  <object id="25" type="cop" x="40" y="104">
   <polyline points="0,0 32,0"/>
  </object>
  <object id="26" type="trigger" x="112" y="80" width="16" height="16">
   <properties>
    <property name="do" value="open"/>
    <property name="target" type="object" value="22"/>
   </properties>
  </object>
 </objectgroup>''')
t = t.replace('nextobjectid="6"', 'nextobjectid="100"')
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/bad.tmx" bad-objects.tmx
"$TILED" --export-map json "$work/bad.tmx" bad-objects.tmj
# Links drawn in Tiled: a trigger whose target is an unnamed door (the door
# gets the name obj30), a key whose colour is a Tiled colour, a whole float
# for a whole number; links.mml is the same level as text.
python3 - "$work/in.tmx" "$work/links.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace('</objectgroup>', '''  <object id="30" type="door" x="128" y="80" width="16" height="16">
   <properties>
    <property name="colour" value="none"/>
   </properties>
  </object>
  <object id="31" type="trigger" x="16" y="96" width="32" height="16">
   <properties>
    <property name="do" value="open"/>
    <property name="target" type="object" value="30"/>
    <property name="once" type="bool" value="false"/>
   </properties>
  </object>
  <object id="32" type="key" x="32" y="80" width="16" height="16">
   <properties>
    <property name="colour" type="color" value="#ff1020f0"/>
   </properties>
  </object>
  <object id="33" type="clock" x="48" y="80" width="16" height="16">
   <properties>
    <property name="seconds" type="float" value="9"/>
   </properties>
  </object>
 </objectgroup>''')
t = t.replace('nextobjectid="6"', 'nextobjectid="100"')
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/links.tmx" links.tmx
"$TILED" --export-map json "$work/links.tmx" links.tmj
echo "made: $(ls *.tmx *.tmj *.tsj | tr '\n' ' ')"
