#!/usr/bin/env bash
# DEMO ONLY: renders home/demo/video/sign_language_demo.webm, the demo's stand-in for a
# video in Czech sign language. It is four captioned slides of text (no people, nothing
# recorded); a town replaces it with a real interpreter's video. The captions are
# sign_language_captions.vtt next to this script (same timing: 3 s a slide).
# Needs ffmpeg with libfreetype (drawtext) and libvpx-vp9, and the DejaVu Sans font:
#   apt-get install -y ffmpeg fonts-dejavu-core
# Run from anywhere: home/demo/video/generate_sign_language_video.sh
set -euo pipefail
cd "$(dirname "$0")"
font=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
slides=(
    "UKÁZKA – DEMO|Sociální služby ve znakové řeči"
    "Kde najdete sociální služby?|V katalogu služeb na tomto webu."
    "Potřebujete poradit?|Napište nebo přijďte na městský úřad."
    "Toto video je jen ukázka.|Skutečné video natočí tlumočník."
)
colours=("0x0b5394" "0x38761d" "0x7f6000" "0x444444")
inputs=()
filters=""
for i in "${!slides[@]}"; do
    IFS='|' read -r heading line <<<"${slides[$i]}"
    printf '%s' "$heading" >"$tmp/h$i.txt"
    printf '%s' "$line" >"$tmp/l$i.txt"
    inputs+=(-f lavfi -t 3 -i "color=c=${colours[$i]}:s=480x270:r=10")
    filters+="[$i:v]drawtext=fontfile=$font:textfile=$tmp/h$i.txt:fontcolor=white:fontsize=26"
    filters+=":x=(w-text_w)/2:y=h/2-40,drawtext=fontfile=$font:textfile=$tmp/l$i.txt"
    filters+=":fontcolor=white:fontsize=18:x=(w-text_w)/2:y=h/2+10"
    filters+=",drawtext=fontfile=$font:text='DEMO':fontcolor=white@0.6:fontsize=14:x=10:y=10[v$i];"
done
concat=""
for i in "${!slides[@]}"; do concat+="[v$i]"; done
filters+="${concat}concat=n=${#slides[@]}:v=1:a=0[out]"
ffmpeg -hide_banner -loglevel error -y "${inputs[@]}" -filter_complex "$filters" -map "[out]" \
    -c:v libvpx-vp9 -b:v 60k -deadline good -row-mt 1 -an \
    -metadata title="Ukázka: sociální služby ve znakové řeči (demo)" \
    sign_language_demo.webm
ls -l sign_language_demo.webm
