# SPDX-License-Identifier: GPL-2.0-or-later
# loop.s - the simple-loop benchmark: 10^8 iterations of AGHI + BRCTG.
	.text
	.globl _start
_start:
	lgfi	%r1,100000000
	lghi	%r2,0
1:	aghi	%r2,3
	brctg	%r1,1b
	lghi	%r2,0
	svc	1
