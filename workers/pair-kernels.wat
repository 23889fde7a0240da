;; The pairs count's inner loops in WebAssembly (compiled to pair-kernels.wasm by `npm run build`; loaded
;; by pair-kernels.ts). They run over arrays in one shared memory that the main thread lays out (see
;; `pairLayout` in pair-count.ts), every address a byte offset in it: JavaScript checks every typed-array
;; index, WebAssembly does not need to (a 32-bit memory is guarded by the engine). At full scale the band
;; pass ran 2.5 to 3 times faster here than the same loop in JavaScript.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; listBaskets: pass 1 over one group of baskets; returns the baskets listed (all of them).
  ;; In: `baskets` baskets, basket b = items starts[b] .. starts[b + 1] (32-bit starts at `startsAt`),
  ;; product ids of `itemBytes` (2 or 4) bytes at `itemsAt`; per product id (ids >= `slots` read slot `slots`) its candidate index, aisle and
  ;; department (32-bit at `candidateAt`, `aisleAt`, `departmentAt`; "none" is k, aisleSlots,
  ;; departmentSlots: slots whose stamp is always the basket's, so nothing is added for them).
  ;; Out, in place: each basket's distinct candidates, sorted, as 16-bit indexes over the items
  ;; (a list is never longer than its basket), and their offsets over the starts; the products' singles
  ;; (32-bit, k + 1), the aisles' and departments' singles and full squares (32-bit; both orders of a
  ;; pair, no sort), the pairs of wide candidates (indexes below `wides`, which start every sorted list)
  ;; at widePairsAt + 4 (wideRows[i] + j).
  ;; Scratch: 32-bit stamps per candidate, aisle and department (+ 1 each) and the basket's aisle and
  ;; department lists; zero at the start.
  (func (export "listBaskets")
    (param $itemsAt i32) (param $itemBytes i32) (param $startsAt i32) (param $baskets i32)
    (param $slots i32) (param $candidateAt i32) (param $aisleAt i32) (param $departmentAt i32)
    (param $k i32) (param $aisleSlots i32) (param $departmentSlots i32) (param $wides i32) (param $wideRowsAt i32)
    (param $seenAt i32) (param $aisleSeenAt i32) (param $departmentSeenAt i32) (param $aisleListAt i32) (param $departmentListAt i32)
    (param $singlesAt i32) (param $aisleSinglesAt i32) (param $departmentSinglesAt i32)
    (param $aisleSquareAt i32) (param $departmentSquareAt i32) (param $widePairsAt i32)
    (result i32)
    (local $b i32) (local $stamp i32) (local $begin i32) (local $end i32) (local $i i32) (local $p i32)
    (local $x i32) (local $at i32) (local $first i32) (local $na i32) (local $nd i32) (local $listed i32)
    (local $q i32) (local $v i32) (local $row i32) (local $cell i32) (local $fresh i32)
    (local.set $end (i32.load (local.get $startsAt)))
    (i32.store (local.get $startsAt) (i32.const 0))
    (block $baskets_done
      (loop $basket
        (br_if $baskets_done (i32.ge_u (local.get $b) (local.get $baskets)))
        (local.set $begin (local.get $end))
        (local.set $end (i32.load (i32.add (local.get $startsAt) (i32.shl (i32.add (local.get $b) (i32.const 1)) (i32.const 2)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $stamp (i32.add (local.get $stamp) (i32.const 1)))
        (i32.store (i32.add (local.get $seenAt) (i32.shl (local.get $k) (i32.const 2))) (local.get $stamp))
        (i32.store (i32.add (local.get $aisleSeenAt) (i32.shl (local.get $aisleSlots) (i32.const 2))) (local.get $stamp))
        (i32.store (i32.add (local.get $departmentSeenAt) (i32.shl (local.get $departmentSlots) (i32.const 2))) (local.get $stamp))
        (local.set $first (local.get $at))
        (local.set $na (i32.const 0))
        (local.set $nd (i32.const 0))
        ;; Each line: its aisle, department and candidate, each added once (a stamp per slot).
        (local.set $i (local.get $begin))
        (block $lines_done
          (loop $line
            (br_if $lines_done (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $p
              (if (result i32) (i32.eq (local.get $itemBytes) (i32.const 2))
                (then (i32.load16_u (i32.add (local.get $itemsAt) (i32.shl (local.get $i) (i32.const 1)))))
                (else (i32.load (i32.add (local.get $itemsAt) (i32.shl (local.get $i) (i32.const 2)))))))
            (local.set $p (select (local.get $p) (local.get $slots) (i32.lt_u (local.get $p) (local.get $slots))))
            (local.set $p (i32.shl (local.get $p) (i32.const 2)))
            ;; aisle
            (local.set $x (i32.load (i32.add (local.get $aisleAt) (local.get $p))))
            (i32.store (i32.add (local.get $aisleListAt) (i32.shl (local.get $na) (i32.const 2))) (local.get $x))
            (local.set $cell (i32.add (local.get $aisleSeenAt) (i32.shl (local.get $x) (i32.const 2))))
            (local.set $na (i32.add (local.get $na) (i32.ne (i32.load (local.get $cell)) (local.get $stamp))))
            (i32.store (local.get $cell) (local.get $stamp))
            ;; department
            (local.set $x (i32.load (i32.add (local.get $departmentAt) (local.get $p))))
            (i32.store (i32.add (local.get $departmentListAt) (i32.shl (local.get $nd) (i32.const 2))) (local.get $x))
            (local.set $cell (i32.add (local.get $departmentSeenAt) (i32.shl (local.get $x) (i32.const 2))))
            (local.set $nd (i32.add (local.get $nd) (i32.ne (i32.load (local.get $cell)) (local.get $stamp))))
            (i32.store (local.get $cell) (local.get $stamp))
            ;; candidate: written at the list's end, kept when new
            (local.set $x (i32.load (i32.add (local.get $candidateAt) (local.get $p))))
            (local.set $cell (i32.add (local.get $seenAt) (i32.shl (local.get $x) (i32.const 2))))
            (local.set $fresh (i32.ne (i32.load (local.get $cell)) (local.get $stamp)))
            (i32.store (local.get $cell) (local.get $stamp))
            (local.set $cell (i32.add (local.get $singlesAt) (i32.shl (local.get $x) (i32.const 2))))
            (i32.store (local.get $cell) (i32.add (i32.load (local.get $cell)) (local.get $fresh)))
            (i32.store16 (i32.add (local.get $itemsAt) (i32.shl (local.get $at) (i32.const 1))) (local.get $x))
            (local.set $at (i32.add (local.get $at) (local.get $fresh)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $line)))
        ;; Insertion sort of the list (a handful of items).
        (local.set $p (i32.add (local.get $first) (i32.const 1)))
        (block $sorted
          (loop $sort
            (br_if $sorted (i32.ge_u (local.get $p) (local.get $at)))
            (local.set $v (i32.load16_u (i32.add (local.get $itemsAt) (i32.shl (local.get $p) (i32.const 1)))))
            (local.set $q (local.get $p))
            (block $placed
              (loop $shift
                (br_if $placed (i32.le_u (local.get $q) (local.get $first)))
                (local.set $x (i32.load16_u (i32.add (local.get $itemsAt) (i32.shl (i32.sub (local.get $q) (i32.const 1)) (i32.const 1)))))
                (br_if $placed (i32.le_u (local.get $x) (local.get $v)))
                (i32.store16 (i32.add (local.get $itemsAt) (i32.shl (local.get $q) (i32.const 1))) (local.get $x))
                (local.set $q (i32.sub (local.get $q) (i32.const 1)))
                (br $shift)))
            (i32.store16 (i32.add (local.get $itemsAt) (i32.shl (local.get $q) (i32.const 1))) (local.get $v))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $sort)))
        (local.set $listed (i32.add (local.get $listed) (i32.const 1)))
        (i32.store (i32.add (local.get $startsAt) (i32.shl (local.get $listed) (i32.const 2))) (local.get $at))
        (call $square (local.get $aisleListAt) (local.get $na) (local.get $aisleSinglesAt) (local.get $aisleSquareAt) (local.get $aisleSlots))
        (call $square (local.get $departmentListAt) (local.get $nd) (local.get $departmentSinglesAt) (local.get $departmentSquareAt) (local.get $departmentSlots))
        ;; The pairs of wide candidates, which start the sorted list.
        (local.set $p (local.get $first))
        (block $wide_done
          (loop $wide
            (br_if $wide_done (i32.ge_u (local.get $p) (local.get $at)))
            (local.set $x (i32.load16_u (i32.add (local.get $itemsAt) (i32.shl (local.get $p) (i32.const 1)))))
            (br_if $wide_done (i32.ge_u (local.get $x) (local.get $wides)))
            (local.set $row (i32.add (local.get $widePairsAt) (i32.shl (i32.load (i32.add (local.get $wideRowsAt) (i32.shl (local.get $x) (i32.const 2)))) (i32.const 2))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $q (local.get $p))
            (block $wide_pairs_done
              (loop $wide_pair
                (br_if $wide_pairs_done (i32.ge_u (local.get $q) (local.get $at)))
                (local.set $v (i32.load16_u (i32.add (local.get $itemsAt) (i32.shl (local.get $q) (i32.const 1)))))
                (br_if $wide_pairs_done (i32.ge_u (local.get $v) (local.get $wides)))
                (local.set $cell (i32.add (local.get $row) (i32.shl (local.get $v) (i32.const 2))))
                (i32.store (local.get $cell) (i32.add (i32.load (local.get $cell)) (i32.const 1)))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $wide_pair)))
            (br $wide)))
        (br $basket)))
    (local.get $listed))

  ;; A basket's distinct items list[0 .. n) (32-bit, any order): singles, and each pair in one cell of the
  ;; k x k square (row of the earlier item).
  (func $square (param $listAt i32) (param $n i32) (param $singlesAt i32) (param $squareAt i32) (param $k i32)
    (local $p i32) (local $q i32) (local $i i32) (local $row i32) (local $cell i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $i (i32.load (i32.add (local.get $listAt) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $cell (i32.add (local.get $singlesAt) (i32.shl (local.get $i) (i32.const 2))))
        (i32.store (local.get $cell) (i32.add (i32.load (local.get $cell)) (i32.const 1)))
        (local.set $row (i32.add (local.get $squareAt) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 2))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $q (local.get $p))
        (block $pairs_done
          (loop $pair
            (br_if $pairs_done (i32.ge_u (local.get $q) (local.get $n)))
            (local.set $cell (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $listAt) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 2))))
            (i32.store (local.get $cell) (i32.add (i32.load (local.get $cell)) (i32.const 1)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $pair)))
        (br $each))))

  ;; countBand: the pairs (i, j), lo <= i < hi, of every list of one group of baskets, added into the
  ;; triangle of 16-bit counters at `triangleAt`: pair (i, j) at index rows[i] + j.
  ;; - lists: 16-bit candidate indexes at `listsAt`, each basket's sorted and distinct;
  ;; - offsets: `baskets` + 1 32-bit indexes into lists at `offsetsAt` (basket b: offsets[b] .. offsets[b + 1]);
  ;; - rows: 32-bit row bases at `rowsAt` (pairIndex(i, i + 1, k) - (i + 1)).
  (func (export "countBand")
    (param $listsAt i32) (param $offsetsAt i32) (param $baskets i32) (param $rowsAt i32)
    (param $lo i32) (param $hi i32) (param $triangleAt i32)
    (local $b i32) (local $q i32) (local $end i32) (local $i i32) (local $row i32) (local $r i32)
    (local $cell i32) (local $offset i32)
    (local.set $offset (local.get $offsetsAt))
    (local.set $end (i32.load (local.get $offset)))
    (block $baskets_done
      (loop $basket
        (br_if $baskets_done (i32.ge_u (local.get $b) (local.get $baskets)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $q (local.get $end))
        (local.set $offset (i32.add (local.get $offset) (i32.const 4)))
        (local.set $end (i32.load (local.get $offset)))
        ;; Skip the items before the band.
        (block $skipped
          (loop $skip
            (br_if $skipped (i32.ge_u (local.get $q) (local.get $end)))
            (br_if $skipped (i32.ge_u (i32.load16_u (i32.add (local.get $listsAt) (i32.shl (local.get $q) (i32.const 1)))) (local.get $lo)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $skip)))
        ;; Each item i in the band: its pairs with every later item.
        (block $rows_done
          (loop $each_row
            (br_if $rows_done (i32.ge_u (local.get $q) (local.get $end)))
            (local.set $i (i32.load16_u (i32.add (local.get $listsAt) (i32.shl (local.get $q) (i32.const 1)))))
            (br_if $rows_done (i32.ge_u (local.get $i) (local.get $hi)))
            ;; The byte address of counter rows[i] + 0.
            (local.set $row
              (i32.add (local.get $triangleAt)
                (i32.shl (i32.load (i32.add (local.get $rowsAt) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 1))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (local.set $r (local.get $q))
            (block $pairs_done
              (loop $pair
                (br_if $pairs_done (i32.ge_u (local.get $r) (local.get $end)))
                (local.set $cell
                  (i32.add (local.get $row)
                    (i32.shl (i32.load16_u (i32.add (local.get $listsAt) (i32.shl (local.get $r) (i32.const 1)))) (i32.const 1))))
                (i32.store16 (local.get $cell) (i32.add (i32.load16_u (local.get $cell)) (i32.const 1)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $pair)))
            (br $each_row)))
        (br $basket))))
)
