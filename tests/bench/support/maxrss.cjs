// Preloaded into a benchmarked process: writes its peak resident memory (KiB) to $ACCESS_DOCTOR_MAXRSS_FILE.
'use strict';
const { writeFileSync } = require('node:fs');
const file = process.env.ACCESS_DOCTOR_MAXRSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
