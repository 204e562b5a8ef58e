#!/usr/bin/env bash
# How the dashboard's third-party JavaScript and map data in src/tacitus/web/vendor/ were obtained.
#
# Everything comes from maintained npm packages, fetched with `npm pack` (the plain tarball the
# registry serves, no install scripts run), at pinned versions, with each package's licence
# copied beside its files. The dashboard loads these from Tacitus itself: no CDN, no tile server.
#
#   echarts 6.1.0          Apache-2.0  charts: timeline, world map (geo component), actor network (graph series)
#   topojson-client 3.1.0  ISC         turns the TopoJSON world map into GeoJSON in the browser
#   world-atlas 2.0.2      ISC         Natural Earth 1:110m country outlines as TopoJSON (public domain data)
#   swagger-ui-dist 5.35.0 Apache-2.0  the API docs page at /docs (FastAPI's default loads it from a CDN)
#
# Run from the repository root:  bash tools/vendor_web.sh
set -euo pipefail

ECHARTS=6.1.0
TOPOJSON_CLIENT=3.1.0
WORLD_ATLAS=2.0.2
SWAGGER_UI=5.35.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor="$root/src/tacitus/web/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "echarts@$ECHARTS" "topojson-client@$TOPOJSON_CLIENT" "world-atlas@$WORLD_ATLAS" "swagger-ui-dist@$SWAGGER_UI" >/dev/null
for tarball in echarts-"$ECHARTS".tgz topojson-client-"$TOPOJSON_CLIENT".tgz world-atlas-"$WORLD_ATLAS".tgz swagger-ui-dist-"$SWAGGER_UI".tgz; do
  name="${tarball%.tgz}"
  mkdir "$name"
  tar -xzf "$tarball" -C "$name" --strip-components=1
done

rm -rf "$vendor"
mkdir -p "$vendor/echarts" "$vendor/topojson-client" "$vendor/world-atlas" "$vendor/swagger-ui"
cp "echarts-$ECHARTS/dist/echarts.min.js" "echarts-$ECHARTS/LICENSE" "echarts-$ECHARTS/NOTICE" "$vendor/echarts/"
cp "topojson-client-$TOPOJSON_CLIENT/dist/topojson-client.min.js" "topojson-client-$TOPOJSON_CLIENT/LICENSE" "$vendor/topojson-client/"
cp "world-atlas-$WORLD_ATLAS/countries-110m.json" "world-atlas-$WORLD_ATLAS/LICENSE" "$vendor/world-atlas/"
cp "swagger-ui-dist-$SWAGGER_UI/swagger-ui-bundle.js" "swagger-ui-dist-$SWAGGER_UI/swagger-ui.css" \
   "swagger-ui-dist-$SWAGGER_UI/LICENSE" "swagger-ui-dist-$SWAGGER_UI/NOTICE" "$vendor/swagger-ui/"

cat > "$vendor/VERSIONS.txt" <<VERSIONS
echarts $ECHARTS (Apache-2.0): dist/echarts.min.js
topojson-client $TOPOJSON_CLIENT (ISC): dist/topojson-client.min.js
world-atlas $WORLD_ATLAS (ISC; Natural Earth data, public domain): countries-110m.json
swagger-ui-dist $SWAGGER_UI (Apache-2.0): swagger-ui-bundle.js, swagger-ui.css
fetched with: npm pack echarts@$ECHARTS topojson-client@$TOPOJSON_CLIENT world-atlas@$WORLD_ATLAS swagger-ui-dist@$SWAGGER_UI
VERSIONS
(cd "$vendor" && find . -type f ! -name SHA256SUMS | sort | xargs sha256sum > SHA256SUMS)
du -sh "$vendor"
