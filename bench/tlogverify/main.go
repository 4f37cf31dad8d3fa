// Command tlogverify is the Go side of the tile verification benchmark (bench/README.md, "Verification"): it verifies a
// Detente tile export with Go's reference code, golang.org/x/mod/sumdb/{note,tlog} (Debian's golang-golang-x-mod-dev; build
// with GO111MODULE=off GOPATH=/usr/share/gocode), the way a verifier who trusts no one would:
//
//  1. open the checkpoint with note.Open under the log's verifier key;
//  2. read every entry bundle, hash every entry with tlog.RecordHash and rebuild every stored hash in memory with
//     tlog.StoredHashes (about two hashes per entry);
//  3. compare every hash tile of the tree (tlog.NewTiles) byte for byte with tlog.ReadTileData over the rebuilt hashes;
//  4. compare tlog.TreeHash with the signed root.
//
// Usage: tlogverify TILES_DIR LOG_VKEY. Prints "ok: N entries, T tiles" and exits 0, or exits 1 naming the first difference.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "tlogverify: "+format+"\n", args...)
	os.Exit(1)
}

// C2SP tlog-tiles paths omit the height that x/mod puts in: tile/8/0/x001/234 -> tile/0/x001/234, tile/8/data/... -> tile/entries/...
func tilePath(root string, t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/8/")
	if strings.HasPrefix(p, "data/") {
		p = "entries/" + strings.TrimPrefix(p, "data/")
	}
	return filepath.Join(root, "tile", filepath.FromSlash(p))
}

type memoryHashes []tlog.Hash

func (m memoryHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x >= int64(len(m)) {
			return nil, fmt.Errorf("stored hash %d not rebuilt", x)
		}
		out[i] = m[x]
	}
	return out, nil
}

func main() {
	if len(os.Args) != 3 {
		fail("usage: tlogverify TILES_DIR LOG_VKEY")
	}
	dir := os.Args[1]
	verifier, err := note.NewVerifier(os.Args[2])
	if err != nil {
		fail("vkey: %v", err)
	}
	msg, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if err != nil {
		fail("%v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("note.Open(checkpoint): %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != verifier.Name() {
		fail("checkpoint origin %q is not the key name %q", lines[0], verifier.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		fail("checkpoint root hash %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], rootBytes)

	stored := make(memoryHashes, 0, 2*size+64)
	for b := int64(0); b*256 < size; b++ {
		w := int64(256)
		if size-b*256 < 256 {
			w = size - b*256
		}
		bundle := tlog.Tile{H: 8, L: -1, N: b, W: int(w)}
		data, err := os.ReadFile(tilePath(dir, bundle))
		if err != nil {
			fail("entry bundle %d: %v", b, err)
		}
		for i := int64(0); i < w; i++ {
			if len(data) < 2 || len(data) < 2+int(binary.BigEndian.Uint16(data)) {
				fail("entry bundle %d ends inside entry %d", b, b*256+i)
			}
			l := int(binary.BigEndian.Uint16(data))
			hashes, err := tlog.StoredHashes(b*256+i, data[2:2+l], stored)
			if err != nil {
				fail("StoredHashes(%d): %v", b*256+i, err)
			}
			stored = append(stored, hashes...)
			data = data[2+l:]
		}
		if len(data) != 0 {
			fail("entry bundle %d holds more than %d entries", b, w)
		}
	}

	// NewTiles lists every width a partial tile passes through; the tree of this size has only the widest of each.
	var tiles []tlog.Tile
	all := tlog.NewTiles(8, 0, size)
	for i, t := range all {
		if i+1 < len(all) && all[i+1].L == t.L && all[i+1].N == t.N {
			continue
		}
		tiles = append(tiles, t)
	}
	for _, t := range tiles {
		want, err := tlog.ReadTileData(t, stored)
		if err != nil {
			fail("ReadTileData(%v): %v", t.Path(), err)
		}
		got, err := os.ReadFile(tilePath(dir, t))
		if err != nil {
			fail("tile %v: %v", t.Path(), err)
		}
		if !bytes.Equal(got, want) {
			fail("tile %s differs from the hashes the entries imply", tilePath(dir, t))
		}
	}

	th, err := tlog.TreeHash(size, stored)
	if err != nil {
		fail("TreeHash: %v", err)
	}
	if th != root {
		fail("the root of the entries %v differs from the signed root %v", th, root)
	}
	fmt.Printf("ok: %d entries, %d tiles, root %s\n", size, len(tiles), lines[2])
}
