// Every number the trace analysis decides with, in one place (documented in docs/liveness.md).
export const LIVENESS_THRESHOLDS = {
  /** Average frames per second over the trace must lie in this range. */
  minFps: 5,
  maxFps: 120,
  /** A longer gap between frames is a freeze (or frames cut out). */
  maxFrameGapMs: 2000,
  /** Slack on a step's window (ms) for the browser's scheduling. */
  windowSlackMs: 500,
  /** Head turn: |yaw - baseline| must reach this (degrees) with the face still tracked. */
  turnYawDeg: 35,
  /** Look up: |pitch - baseline| must reach this (degrees). */
  lookUpPitchDeg: 15,
  /** Blink: eye openness falls below `closed` from above `open` and comes back above `open`. */
  blinkClosed: 0.35,
  blinkOpen: 0.55,
  /** Smile: at least this, and this much above the session's median. */
  smileMin: 0.6,
  smileAboveMedian: 0.25,
  /** A tracked face counts when its detector score reaches this. */
  faceScoreMin: 0.5,
  /** Cover half: a hand covering at least this share of the face box for at least `coverMinMs`. */
  coverShare: 0.2,
  coverMinMs: 300,
  /** Pass an object: a hand over the face box moving across at least this share of the face width. */
  passShare: 0.05,
  passSweepFaceWidths: 0.3,
  /** Flash: the face colour moves toward the flash colour within `flashLagMs` by at least this much. */
  flashLagMs: 600,
  flashMinShift: 3,
  flashMinDirection: 0.5,
  /** Occlusion: a face covered this much whose embedding stays this similar is "unaffected" (face swap). */
  occludedShare: 0.35,
  occludedUnaffectedCosine: 0.93,
  /** Occlusion: a hand that vanishes inside the face box and stays gone this long was "swallowed". */
  swallowedMinMs: 400,
  /** Frames this far off the frontal baseline are "profile"; embeddings there below `profileJumpCosine` changed identity. */
  profileYawDeg: 30,
  profileJumpCosine: 0.45,
  /** Flicker at profile: this many drop-outs (lost or mesh below `flickerMesh`, between good frames). */
  flickerDropouts: 3,
  flickerMesh: 0.5,
  /** Frontal frames (for the reference identity) are within this of the baseline yaw. */
  frontalYawDeg: 20,
  /** Identity drift: a clean frontal embedding below this cosine to the session median; at least `driftMinMoments`. */
  driftCosine: 0.6,
  driftMinMoments: 2,
  /** Static face: pose range below these and no blink over the whole session. */
  staticYawRangeDeg: 5,
  staticPitchRangeDeg: 5,
  /** Replay loop: a run of this many frames (and this long) repeating an earlier run within these tolerances. */
  loopMinFrames: 10,
  loopMinMs: 600,
  loopGapMs: 1000,
  /** Up to this many face frames every frame starts a loop search; beyond, every (frames / this)-th. */
  loopFullSearchFrames: 2000,
  loopPoseTolDeg: 0.3,
  loopBoxTol: 0.003,
  loopEyeTol: 0.02,
  /** Weak: median anti-spoofing "real" and "live" scores both below this. */
  lowSpoofScore: 0.3,
  /** ID match: median cosine of clean live embeddings to the ID-photo embedding must reach this. */
  idMatchCosine: 0.55,
} as const;
