// Command interop checks a Detente tile export with Go's reference code, golang.org/x/mod/sumdb/{note,tlog}
// (Debian's golang-golang-x-mod-dev; build with GO111MODULE=off GOPATH=/usr/share/gocode).
//
// Usage: interop TILES_DIR LOG_VKEY PROOF_FILE ENTRY_FILE
//
// It opens the checkpoint with note.Open, reads every hash tile it needs through tlog.TileHashReader (which checks
// each tile against the signed tree hash), recomputes the root with tlog.TreeHash, checks the entry against its
// entry bundle, checks the .tlog-proof file's inclusion proof with tlog.CheckRecord (and that tlog.ProveRecord gives
// the same hashes), and checks a consistency proof with ProveTree/CheckTree. It prints "ok" and exits 0, or exits 1.
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

type tileDir struct{ root string }

func (d tileDir) Height() int { return 8 }

// C2SP tlog-tiles paths omit the height that x/mod puts in: tile/8/0/x001/234 -> tile/0/x001/234, tile/8/data/... -> tile/entries/...
func (d tileDir) path(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/8/")
	if strings.HasPrefix(p, "data/") {
		p = "entries/" + strings.TrimPrefix(p, "data/")
	}
	return filepath.Join(d.root, "tile", filepath.FromSlash(p))
}

func (d tileDir) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := os.ReadFile(d.path(t))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (d tileDir) SaveTiles([]tlog.Tile, [][]byte) {}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "interop: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 5 {
		fail("usage: interop TILES_DIR LOG_VKEY PROOF_FILE ENTRY_FILE")
	}
	dir, vkey, proofPath, entryPath := os.Args[1], os.Args[2], os.Args[3], os.Args[4]

	verifier, err := note.NewVerifier(vkey)
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
	tree := tlog.Tree{N: size, Hash: root}

	hashes := tlog.TileHashReader(tree, tileDir{dir})
	th, err := tlog.TreeHash(size, hashes)
	if err != nil {
		fail("TreeHash over our tiles: %v", err)
	}
	if th != root {
		fail("TreeHash %v differs from the checkpoint root %v", th, root)
	}

	// The proof file: header, index, proof hashes, blank line, then the checkpoint note.
	proofText, err := os.ReadFile(proofPath)
	if err != nil {
		fail("%v", err)
	}
	parts := strings.SplitN(string(proofText), "\n\n", 2)
	head := strings.Split(parts[0], "\n")
	if head[0] != "c2sp.org/tlog-proof@v1" || !strings.HasPrefix(head[1], "index ") {
		fail("proof file header %q", head[:2])
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(head[1], "index "), 10, 64)
	if err != nil {
		fail("proof index: %v", err)
	}
	var proof tlog.RecordProof
	for _, line := range head[2:] {
		b, err := base64.StdEncoding.DecodeString(line)
		if err != nil || len(b) != tlog.HashSize {
			fail("proof line %q", line)
		}
		var h tlog.Hash
		copy(h[:], b)
		proof = append(proof, h)
	}
	if _, err := note.Open([]byte(parts[1]), note.VerifierList(verifier)); err != nil {
		fail("note.Open(proof checkpoint): %v", err)
	}

	entry, err := os.ReadFile(entryPath)
	if err != nil {
		fail("%v", err)
	}
	leaf := tlog.RecordHash(entry)
	stored, err := hashes.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
	if err != nil || stored[0] != leaf {
		fail("leaf hash of entry %d from the tiles differs from RecordHash(entry): %v", index, err)
	}
	if err := tlog.CheckRecord(proof, size, root, index, leaf); err != nil {
		fail("CheckRecord: %v", err)
	}
	goProof, err := tlog.ProveRecord(size, index, hashes)
	if err != nil {
		fail("ProveRecord: %v", err)
	}
	if len(goProof) != len(proof) {
		fail("ProveRecord gives %d hashes, our proof %d", len(goProof), len(proof))
	}
	for i := range proof {
		if goProof[i] != proof[i] {
			fail("ProveRecord hash %d differs from our proof", i)
		}
	}

	// The entry bundle holding the entry: uint16 big-endian length || entry, repeated.
	bundle := tlog.Tile{H: 8, L: -1, N: index / 256, W: 256}
	if size/256 == index/256 {
		bundle.W = int(size % 256)
	}
	data, err := tileDir{dir}.ReadTiles([]tlog.Tile{bundle})
	if err != nil {
		fail("entry bundle: %v", err)
	}
	rest := data[0]
	for i := int64(0); ; i++ {
		if len(rest) < 2 {
			fail("entry bundle ends before entry %d", index)
		}
		l := int(binary.BigEndian.Uint16(rest))
		if i == index%256 {
			if !bytes.Equal(rest[2:2+l], entry) {
				fail("entry %d in its bundle differs from the entry file", index)
			}
			break
		}
		rest = rest[2+l:]
	}

	old := size / 2
	if old > 0 {
		oldHash, err := tlog.TreeHash(old, hashes)
		if err != nil {
			fail("TreeHash(%d): %v", old, err)
		}
		tp, err := tlog.ProveTree(size, old, hashes)
		if err != nil {
			fail("ProveTree: %v", err)
		}
		if err := tlog.CheckTree(tp, size, root, old, oldHash); err != nil {
			fail("CheckTree: %v", err)
		}
	}

	fmt.Printf("ok: checkpoint %s size %d verified; tiles, entry %d, inclusion and consistency proofs accepted by x/mod\n", lines[0], size, index)
}
