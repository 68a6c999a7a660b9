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
t = t.replace('</objectgroup>', '  <object id="90" type="ufo" x="32" y="32" width="16" height="16"/>\n'
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
# ---- Tiled's own ways of writing things (each read as Tiled writes it) ----
# Object templates: diner.tx, clock.tx and julie.tx (a tile object) are TX
# files and key.tj a JSON template, written by hand as Tiled writes them; the
# objects override a name and a property. templates.mml is the same level.
python3 - "$work/in.tmx" "$work/tmpl.tmx" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
t = re.sub(r'<object id="(\d)" type="diner" x="(\d+)" y="(\d+)" width="16" height="16"/>',
           r'<object id="\1" template="../diner.tx" x="\2" y="\3"/>', t)
t = t.replace('<object id="4" type="julie" x="160" y="80" width="16" height="16"/>',
              '<object id="4" template="../julie.tx" x="160" y="96"/>')
t = t.replace('</objectgroup>', '''  <object id="6" template="../clock.tx" x="32" y="80">
   <properties>
    <property name="seconds" type="int" value="9"/>
   </properties>
  </object>
  <object id="7" name="extra" template="../clock.tx" x="48" y="80"/>
  <object id="8" template="../key.tj" x="64" y="80"/>
 </objectgroup>''')
t = t.replace('nextobjectid="6"', 'nextobjectid="9"')
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/tmpl.tmx" templates.tmx
"$TILED" --export-map json "$work/tmpl.tmx" templates.tmj
# Templates the game must refuse, each at the object that uses it: one that
# is missing, one that is not well-formed (broken.tx), one that is a tileset,
# one with no object (empty.tx).
python3 - "$work/in.tmx" "$work/badtmpl.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace('</objectgroup>', '''  <object id="6" template="../missing.tx" x="32" y="80"/>
  <object id="7" template="../broken.tx" x="48" y="80"/>
  <object id="8" template="../miraclemile.tsx" x="64" y="80"/>
  <object id="9" template="../empty.tx" x="80" y="80"/>
 </objectgroup>''')
t = t.replace('nextobjectid="6"', 'nextobjectid="10"')
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/badtmpl.tmx" bad-templates.tmx
"$TILED" --export-map json "$work/badtmpl.tmx" bad-templates.tmj
# The level maker's own properties, more of them than the game's (on the map
# and on an object), and class properties (a map's and an object's, with the
# members Tiled writes when the project defines the class; without the
# project Tiled 1.8 drops a TMX class's members, so the map made by hand is
# kept too, as own-props-nested.tmx). The same level as small.mml.
python3 - "$work/in.tmx" own-props-nested.tmx <<'PY'
import sys
t = open(sys.argv[1]).read()
mine = ''.join(f'  <property name="a{i:02d}" value="mine {i}"/>\n' for i in range(1, 25))
t = t.replace('<properties>\n', '<properties>\n' + mine + '''  <property name="look" type="class" propertytype="Look">
   <properties>
    <property name="time" type="int" value="5"/>
   </properties>
  </property>
''', 1)
props = ''.join(f'    <property name="b{i:02d}" type="int" value="{i}"/>\n' for i in range(1, 21))
old = '<object id="2" type="diner" x="80" y="16" width="16" height="16"/>'
assert old in t
t = t.replace(old, old[:-2] + '>\n   <properties>\n' + props + '''    <property name="mood" type="class" propertytype="Mood">
     <properties>
      <property name="speed" type="int" value="9"/>
     </properties>
    </property>
   </properties>
  </object>''')
t = t.replace('source="../miraclemile.tsx"', 'source="miraclemile.tsx"')
open(sys.argv[2], 'w').write(t)
PY
sed 's|source="miraclemile.tsx"|source="../miraclemile.tsx"|' own-props-nested.tmx > "$work/own.tmx"
"$TILED" --export-map tmx "$work/own.tmx" own-props.tmx
"$TILED" --export-map json "$work/own.tmx" own-props.tmj
# A story of two lines: Tiled writes it as the property's text (TMX) or with
# a \n (JSON); the game joins the lines with a space (story.mml).
python3 - "$work/in.tmx" "$work/story.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace('<properties>\n', '<properties>\n  <property name="story" '
              'value="Johnnie&apos;s, at four.&#10;The phone rings."/>\n', 1)
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/story.tmx" story.tmx
"$TILED" --export-map json "$work/story.tmx" story.tmj
# Rotated objects: Tiled turns a rectangle round its top-left corner and a
# tile object round its bottom-left; each stands where small.mml has it.
python3 - "$work/in.tmx" "$work/rot.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
rot = {  # small.mml's object -> the same one turned, its middle on the same tile
    '<object id="1" type="harry" x="16" y="16" width="16" height="16"/>':
        '<object id="1" type="harry" gid="1" x="16" y="16" width="16" height="16" rotation="90"/>',
    '<object id="2" type="diner" x="80" y="16" width="16" height="16"/>':
        '<object id="2" type="diner" x="96" y="16" width="16" height="16" rotation="90"/>',
    '<object id="3" type="diner" x="160" y="48" width="16" height="16"/>':
        '<object id="3" type="diner" x="176" y="64" width="16" height="16" rotation="180"/>',
    '<object id="4" type="julie" x="160" y="80" width="16" height="16"/>':
        '<object id="4" type="julie" x="160" y="96" width="16" height="16" rotation="-90"/>',
    '<object id="5" type="diner" x="112" y="96" width="16" height="16"/>':
        '<object id="5" type="diner" x="120" y="92.7" width="16" height="16" rotation="45"/>',
}
for a, b in rot.items():
    assert a in t, a
    t = t.replace(a, b)
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/rot.tmx" rotated.tmx
"$TILED" --export-map json "$work/rot.tmx" rotated.tmj
# Hidden layers (the eye shut in Tiled): water over everything and a second
# Julie, both ignored with a warning naming the layer.
python3 - "$work/in.tmx" "$work/hid.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
rows = ',\n'.join([','.join(['7'] * 12)] * 8)
t = t.replace('</map>', f''' <layer id="8" name="Flood" width="12" height="8" visible="0">
  <data encoding="csv">
{rows}
</data>
 </layer>
 <objectgroup id="9" name="Old plans" visible="0">
  <object id="40" type="julie" x="32" y="32" width="16" height="16"/>
 </objectgroup>
</map>''')
t = t.replace('nextlayerid="3"', 'nextlayerid="10"').replace('nextobjectid="6"', 'nextobjectid="41"')
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/hid.tmx" hidden.tmx
"$TILED" --export-map json "$work/hid.tmx" hidden.tmj
# Editor-only data, ignored without a word: export and chunk settings, and a
# terrain set in the (embedded) tileset.
python3 - "$work/in.tmx" "$work/ed.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace(' <tileset firstgid', ''' <editorsettings>
  <chunksize width="32" height="32"/>
  <export target="small.tmj" format="json"/>
 </editorsettings>
 <tileset firstgid''')
t = t.replace('source="../miraclemile.tsx"', 'source="wang.tsx"')
open(sys.argv[2], 'w').write(t)
PY
python3 - miraclemile.tsx "$work/wang.tsx" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace('</tileset>', ''' <wangsets>
  <wangset name="Shore" type="corner" tile="-1">
   <wangcolor name="water" color="#ff0000" tile="6" probability="1"/>
   <wangcolor name="grass" color="#00ff00" tile="4" probability="1"/>
   <wangtile tileid="6" wangid="0,1,0,1,0,1,0,1"/>
   <wangtile tileid="4" wangid="0,2,0,2,0,2,0,2"/>
  </wangset>
 </wangsets>
</tileset>''')
open(sys.argv[2], 'w').write(t)
PY
cp miraclemile-tiles.png "$work/"
"$TILED" --export-map --embed-tilesets tmx "$work/ed.tmx" editor-only.tmx
"$TILED" --export-map --embed-tilesets json "$work/ed.tmx" editor-only.tmj
# Tilesets named in capitals (MIRACLEMILE.TSX, .TSJ): read by what they hold.
cp miraclemile.tsx MIRACLEMILE.TSX
cp miraclemile.tsj MIRACLEMILE.TSJ
sed 's|source="../miraclemile.tsx"|source="../MIRACLEMILE.TSX"|' "$work/in.tmx" > "$work/up.tmx"
"$TILED" --export-map tmx "$work/up.tmx" upper-case.tmx
sed 's|source="../miraclemile.tsx"|source="../MIRACLEMILE.TSJ"|' "$work/in.tmx" > "$work/upj.tmx"
"$TILED" --export-map json "$work/upj.tmx" upper-case.tmj
# A level-wide check has a place too: par longer than the clock is at 'par'.
sed 's|<property name="par" type="int" value="8"/>|<property name="par" type="int" value="30"/>|' \
  "$work/in.tmx" > "$work/par.tmx"
"$TILED" --export-map tmx "$work/par.tmx" bad-par.tmx
"$TILED" --export-map json "$work/par.tmx" bad-par.tmj
# Medals out of order (silver no faster than bronze) are at 'medals'.
sed 's|<property name="par" type="int" value="8"/>|<property name="medals" value="15 17 9"/><property name="par" type="int" value="8"/>|' \
  "$work/in.tmx" > "$work/medals.tmx"
"$TILED" --export-map tmx "$work/medals.tmx" bad-medals.tmx
# More messages than the list holds (LEVEL_MAX_ERRORS): eighty of the level
# maker's own properties, then a par longer than the clock. The error is
# shown first, and the count of messages not shown at the end.
python3 - "$work/in.tmx" "$work/crowd.tmx" <<'PY'
import sys
t = open(sys.argv[1]).read()
mine = ''.join(f'  <property name="note{i:02d}" value="{i}"/>\n' for i in range(1, 81))
t = t.replace('<properties>\n', '<properties>\n' + mine, 1)
t = t.replace('<property name="par" type="int" value="8"/>', '<property name="par" type="int" value="30"/>')
open(sys.argv[2], 'w').write(t)
PY
"$TILED" --export-map tmx "$work/crowd.tmx" crowded.tmx
# A turned area: the trigger of every-kind.mml drawn 32x48 and turned a
# quarter, covering the same tiles (rotated-area.tmx is every-kind.mml).
sed 's|<object id="10" type="trigger" x="128" y="96" width="48" height="32">|<object id="10" type="trigger" x="176" y="96" width="32" height="48" rotation="90">|' \
  "$work/every.tmx" > "$work/rotarea.tmx"
grep -q 'rotation="90"' "$work/rotarea.tmx"
"$TILED" --export-map tmx "$work/rotarea.tmx" rotated-area.tmx
"$TILED" --export-map json "$work/rotarea.tmx" rotated-area.tmj
# A '"' in a text property, as Tiled keeps it (quote.mml is the level with
# the typographic quote every reader turns it into).
"$CONV" quote.mml "$work/quote.tmx" --tileset ../miraclemile.tsx
sed 's/\xe2\x80\x9d/\&quot;/g' "$work/quote.tmx" > "$work/quote-plain.tmx"
grep -q '&quot;' "$work/quote-plain.tmx"
"$TILED" --export-map tmx "$work/quote-plain.tmx" quote.tmx
"$TILED" --export-map json "$work/quote-plain.tmx" quote.tmj
echo "made: $(ls *.tmx *.tmj *.tsj | tr '\n' ' ')"
