#!/usr/bin/env bash
# Builds the ffmpeg Lambda layer: a zip with bin/ffmpeg and bin/ffprobe, which Lambda mounts at
# /opt (so /opt/bin/ffmpeg, where the transcoder looks first).
#
#   ffmpeg-layer/build.sh                      # from this machine's Debian ffmpeg (default)
#   ffmpeg-layer/build.sh --static URL|PATH --sha256 HEX
#                                              # from a pinned static build (a .tar.xz, .tar.gz,
#                                              # .tar or .zip holding ffmpeg and ffprobe)
#   --out FILE                                 # default: ffmpeg-layer/target/ffmpeg-layer.zip
#
# FFMPEG_LAYER_STATIC and FFMPEG_LAYER_SHA256 stand for --static and --sha256 (the Maven build
# passes -Dffmpeg.static= and -Dffmpeg.sha256= this way).
#
# Debian's ffmpeg is linked against Debian's libraries, which Lambda's Amazon Linux 2023 does not
# have (or has in other versions), so the layer carries them, glibc and Debian's dynamic loader
# included, under libexec/ffmpeg/; bin/ffmpeg is a wrapper that starts the real executable with
# that loader and --library-path, so nothing of the host's is used. Nothing goes into lib/: Lambda
# puts /opt/lib on every process's LD_LIBRARY_PATH, and Debian's glibc must not reach the JVM.
#
# ffmpeg's closure is ~250 MB, too much for Lambda's 250 MB limit on a function and its layers.
# The libraries behind features a Lambda transcoder never uses (devices, GPUs, speech, subtitles,
# manifests, exotic codecs; see LEFT_OUT) are replaced by stubs: same name, same symbols and
# versions, so the loader is satisfied, and every function prints which library was left out and
# aborts if ever called. Needs binutils (readelf, as, ld), zip, and for the licences dpkg-query.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/target/ffmpeg-layer.zip"
static="${FFMPEG_LAYER_STATIC:-}"
sha256="${FFMPEG_LAYER_SHA256:-}"

fail() { echo "ffmpeg-layer/build.sh: $*" >&2; exit 1; }
say() { echo "ffmpeg-layer: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --static) [ $# -ge 2 ] || fail "--static needs a URL or a path"; static=$2; shift 2 ;;
    --sha256) [ $# -ge 2 ] || fail "--sha256 needs a hex digest"; sha256=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || fail "--out needs a file name"; out=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) fail "unknown argument: $1 (see --help)" ;;
  esac
done
if [ -n "$static" ] && [ -z "$sha256" ]; then
  fail "a static build needs its checksum: --sha256 HEX (a build that is not pinned is not reproducible)"
fi
if [ -z "$static" ] && [ -n "$sha256" ]; then
  fail "--sha256 is the checksum of a --static build; none was given"
fi

for tool in readelf zip; do
  command -v "$tool" >/dev/null || fail "$tool is needed (Debian: apt-get install binutils zip)"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
layer="$work/layer"
mkdir -p "$layer/bin"

# --- a pinned static build ---

is_elf() { readelf -h "$1" >/dev/null 2>&1; }

# A static executable has no program interpreter: the kernel runs it without any loader.
is_static() { ! readelf -l -W "$1" 2>/dev/null | grep -q 'Requesting program interpreter'; }

from_static() {
  local archive="$work/static"
  case "$static" in
    http://*|https://*)
      command -v curl >/dev/null || fail "curl is needed to download $static"
      say "downloading $static"
      curl -fsSL --retry 3 -o "$archive" "$static" || fail "could not download $static" ;;
    *)
      [ -f "$static" ] || fail "no such file: $static"
      cp "$static" "$archive" ;;
  esac
  local actual
  actual=$(sha256sum "$archive" | cut -d' ' -f1)
  # Case-insensitive: digests are published in either case.
  if [ "${actual,,}" != "${sha256,,}" ]; then
    fail "checksum mismatch for $static: expected sha256 ${sha256,,}, got $actual; refusing to build"
  fi
  mkdir -p "$work/unpacked"
  if unzip -tq "$archive" >/dev/null 2>&1; then
    unzip -q "$archive" -d "$work/unpacked"
  else
    tar -xf "$archive" -C "$work/unpacked" 2>/dev/null || fail "$static is neither a tar archive nor a zip"
  fi
  local name found
  for name in ffmpeg ffprobe; do
    found=$(find "$work/unpacked" -type f -name "$name" | head -n 1)
    [ -n "$found" ] || fail "$static has no $name"
    is_elf "$found" || fail "$static: $name is not a Linux executable"
    is_static "$found" || fail "$static: $name is dynamically linked; give a static build, or build from this machine's ffmpeg without --static"
    install -m 0755 "$found" "$layer/bin/$name"
  done
  printf 'ffmpeg and ffprobe from the static build %s\nsha256 %s\n' "$static" "${sha256,,}" > "$work/source.txt"
}

# --- Debian's ffmpeg with its libraries ---

# Libraries left out of the layer, by SONAME pattern, and why a transcoder on Lambda never calls
# them. Anything not listed is bundled, so a new dependency is carried rather than broken.
LEFT_OUT=(
  # capture and playback devices (libavdevice): Lambda has no camera, screen, sound or FireWire
  'libraw1394.so.*' 'libavc1394.so.*' 'librom1394.so.*' 'libiec61883.so.*' 'libdc1394.so.*'
  'libjack.so.*' 'libopenal.so.*' 'libasound.so.*' 'libpulse.so.*' 'libSDL2-2.0.so.*'
  'libcdio*.so.*' 'libcaca.so.*' 'libGL.so.*' 'libxcb*.so.*' 'libX11.so.*' 'libXext.so.*' 'libXv.so.*'
  # hardware acceleration: Lambda has no GPU
  'libva.so.*' 'libva-drm.so.*' 'libva-x11.so.*' 'libvdpau.so.*' 'libdrm.so.*' 'libmfx.so.*'
  'libOpenCL.so.*' 'libplacebo.so.*'
  # filters Nuage does not use: speech recognition and synthesis, LV2 plugins, time-stretching,
  # HRTF and headphone mixing, subtitles and text drawing, remote control, stabilisation, zscale
  'libpocketsphinx.so.*' 'libsphinxbase.so.*' 'libflite*.so.*' 'liblilv-0.so.*' 'librubberband.so.*'
  'libmysofa.so.*' 'libbs2b.so.*' 'libass.so.*' 'libfribidi.so.*' 'libfontconfig.so.*'
  'libfreetype.so.*' 'libzmq.so.*' 'libvidstab.so.*' 'libzimg.so.*'
  # codecs Nuage neither encodes nor needs to decode uploads: SVG images, teletext, codec2 speech,
  # JPEG XL, and the rav1e and SVT-AV1 encoders (ffmpeg decodes AV1 with dav1d, kept). libaom and
  # libx265 stay: libavcodec asks them what they support whenever it looks a codec up by name.
  'librsvg-2.so.*' 'libcairo.so.*' 'libgobject-2.0.so.*' 'libglib-2.0.so.*' 'libzvbi.so.*'
  'libcodec2.so.*' 'libjxl*.so.*' 'librav1e.so.*' 'libSvtAv1Enc.so.*'
  # inputs the transcoder refuses anyway (MediaProbe's format whitelist; files or https only):
  # DASH/IMF manifests (libxml2, which pulls in 33 MB of ICU), fingerprints, Blu-ray, and the
  # AMQP, RIST, SRT and SFTP protocols. Game and tracker music (libgme, libopenmpt) stay: probing
  # any file asks every demuxer, theirs included, whether it recognises it.
  'libxml2.so.*' 'libchromaprint.so.*' 'libbluray.so.*'
  'librabbitmq.so.*' 'librist.so.*' 'libsrt-gnutls.so.*' 'libssh-gcrypt.so.*'
)

left_out() {
  local pattern
  for pattern in "${LEFT_OUT[@]}"; do
    # shellcheck disable=SC2053 # the pattern is a glob on purpose
    [[ $1 == $pattern ]] && return 0
  done
  return 1
}

needed() { readelf -d -W "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

# A shared object named $2 with every symbol and version of the library $1, whose functions say
# which library was left out and abort. Assembled without libc, so no name can clash with it.
stub() {
  local real=$1 soname=$2 dir="$work/stub-$2"
  mkdir -p "$dir"
  local versions
  versions=$(readelf -V -W "$real" | awk '/Version definition section/ {d = 1; next}
      /Version needs section/ {d = 0} d && /Name:/ && !/BASE/ {sub(/.*Name: /, ""); print $1}')
  readelf --dyn-syms -W "$real" | awk -v soname="$soname" -v versions="$versions" '
    BEGIN {
      n = split(versions, v, "\n")
      print "\t.section .note.GNU-stack,\"\",@progbits"
      print "\t.text"
      # write(2, message, length), then a trap: the caller learns which library is missing.
      print ".Lreport:\n\tmov $2, %edi\n\tmov $1, %eax\n\tsyscall\n\tud2"
    }
    NR > 3 && $7 != "UND" && $7 != "ABS" && ($5 == "GLOBAL" || $5 == "WEAK") && NF >= 8 {
      type = $4; bind = $5; size = $3; name = $8; version = ""; dflt = 1
      if (index(name, "@@")) { version = substr(name, index(name, "@@") + 2); name = substr(name, 1, index(name, "@@") - 1) }
      else if (index(name, "@")) { version = substr(name, index(name, "@") + 1); name = substr(name, 1, index(name, "@") - 1); dflt = 0 }
      if (name ~ /^(_init|_fini|_edata|_end|__bss_start)$/) next
      i++
      label = name
      if (!dflt) { label = "__nuage_stub_" i }
      if (type == "FUNC" || type == "IFUNC") {
        print "\t.text"
        print "\t." (bind == "WEAK" ? "weak" : "globl") " " label
        print "\t.type " label ", @function"
        print label ":\n\tlea .Lmsg" i "(%rip), %rsi\n\tmov $(.Lend" i " - .Lmsg" i "), %edx\n\tjmp .Lreport"
        print "\t.section .rodata"
        print ".Lmsg" i ":\n\t.ascii \"ffmpeg layer: " soname " was left out of the layer, but " name " was called\\n\""
        print ".Lend" i ":"
      } else {
        section = type == "TLS" ? ".section .tbss,\"awT\",@nobits" : ".bss"
        print "\t" section
        print "\t.balign 16"
        print "\t." (bind == "WEAK" ? "weak" : "globl") " " label
        print "\t.type " label ", " (type == "TLS" ? "@tls_object" : "@object")
        print "\t.size " label ", " (size + 0)
        print label ":\n\t.zero " ((size + 0) > 0 ? size + 0 : 1)
      }
      if (version != "") {
        if (dflt) { members[version] = members[version] " " name ";" }
        else { print "\t.symver " label ", " name "@" version }
      }
    }
    END {
      map = ""
      for (k = 1; k <= n; k++) if (v[k] != "") map = map v[k] " {" (members[v[k]] == "" ? "" : " global:" members[v[k]]) " };\n"
      printf "%s", map > "/dev/stderr"
    }' > "$dir/stub.s" 2> "$dir/versions.map"
  as -o "$dir/stub.o" "$dir/stub.s" || fail "could not assemble the stub of $soname"
  local script=()
  [ -s "$dir/versions.map" ] && script=(--version-script "$dir/versions.map")
  ld -shared -soname "$soname" "${script[@]}" -o "$3" "$dir/stub.o" || fail "could not link the stub of $soname"
}

from_debian() {
  local ffmpeg ffprobe
  ffmpeg=$(command -v ffmpeg) || fail "ffmpeg is not installed (Debian: apt-get install ffmpeg), and no --static build was given"
  ffprobe=$(command -v ffprobe) || fail "ffprobe is not installed (Debian: apt-get install ffmpeg)"
  for tool in as ld ldd; do
    command -v "$tool" >/dev/null || fail "$tool is needed (Debian: apt-get install binutils)"
  done
  local private="$layer/libexec/ffmpeg"
  mkdir -p "$private"

  # Where each library of the full closure lives, as this machine's loader resolves it.
  declare -A path_of=()
  local soname arrow file loader=""
  while read -r soname arrow file _; do
    if [ "$arrow" = "=>" ] && [ "${file:0:1}" = / ]; then
      path_of[$soname]=$file
    elif [ "${soname:0:1}" = / ] && [[ $soname == */ld-linux* ]]; then
      loader=$soname
    fi
  done < <(ldd "$ffmpeg" "$ffprobe" | grep -v ':$')
  [ -n "$loader" ] || fail "ldd shows no dynamic loader for $ffmpeg; is it a static build? then use --static"

  # Breadth-first over DT_NEEDED from the two executables, stopping at the libraries left out.
  declare -A seen=() stubbed=()
  local queue=("$ffmpeg" "$ffprobe") object lib bundled=("$ffmpeg" "$ffprobe" "$loader")
  while [ ${#queue[@]} -gt 0 ]; do
    object=${queue[0]}; queue=("${queue[@]:1}")
    for lib in $(needed "$object"); do
      [ -z "${seen[$lib]:-}" ] || continue
      seen[$lib]=1
      # glibc names the loader too; it is bundled on its own, below.
      [ "$lib" != "$(basename "$loader")" ] || continue
      [ -n "${path_of[$lib]:-}" ] || fail "ldd does not resolve $lib, needed by $object"
      if left_out "$lib"; then
        stubbed[$lib]=1
        stub "${path_of[$lib]}" "$lib" "$private/$lib"
      else
        cp -L "${path_of[$lib]}" "$private/$lib"
        bundled+=("${path_of[$lib]}")
        queue+=("${path_of[$lib]}")
      fi
    done
  done
  local loader_name
  loader_name=$(basename "$loader")
  cp -L "$loader" "$private/$loader_name"
  cp -L "$ffmpeg" "$private/ffmpeg"
  cp -L "$ffprobe" "$private/ffprobe"
  chmod 0755 "$private"/*

  local tool
  for tool in ffmpeg ffprobe; do
    cat > "$layer/bin/$tool" <<WRAPPER
#!/bin/sh
# Runs Debian's $tool with the loader and libraries bundled next to it, whatever the host's are.
case "\$0" in */*) here=\${0%/*} ;; *) here=. ;; esac
private="\$here/../libexec/ffmpeg"
exec "\$private/$loader_name" --library-path "\$private" --argv0 "\$0" "\$private/$tool" "\$@"
WRAPPER
    chmod 0755 "$layer/bin/$tool"
  done

  {
    echo "ffmpeg and ffprobe from Debian's ffmpeg $(dpkg-query -W -f '${Version}' ffmpeg 2>/dev/null || echo '(version unknown)'),"
    echo "with the $(ls "$private" | grep -c '\.so') shared libraries and the loader they need, under libexec/ffmpeg."
    echo "Left out (stubs that abort if called): ${!stubbed[*]}"
  } > "$work/source.txt"

  # The bundled libraries' licences (GPL and LGPL among them): each package's copyright file.
  # Debian registers a file under /lib or /usr/lib, so both spellings are asked, in one call.
  if command -v dpkg-query >/dev/null; then
    local package
    for package in $(for file in "${bundled[@]}"; do echo "$file"; readlink -f "$file"; done | sort -u \
        | xargs dpkg-query -S 2>/dev/null | sed 's/: .*//; s/, /\n/g; s/:[a-z0-9]*$//' | sort -u); do
      [ -f "/usr/share/doc/$package/copyright" ] || continue
      mkdir -p "$layer/share/doc/$package"
      cp "/usr/share/doc/$package/copyright" "$layer/share/doc/$package/copyright"
    done
  else
    say "warning: no dpkg-query, so the libraries' copyright files are not included"
  fi
}

if [ -n "$static" ]; then from_static; else from_debian; fi
mkdir -p "$layer/share/doc"
cp "$work/source.txt" "$layer/share/doc/nuage-ffmpeg-layer.txt"

mkdir -p "$(dirname "$out")"
rm -f "$out"
(cd "$layer" && zip -q -r -X "$out.tmp" .) && mv "$out.tmp" "$out"
say "$(du -sb "$layer" | cut -f1) bytes unpacked, $(stat -c %s "$out") bytes zipped: $out"
