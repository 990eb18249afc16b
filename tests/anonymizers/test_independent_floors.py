"""Floors on the independently written sets, for both purposes (issue 9's evaluation that can fail).

The sets come from helpers who read neither the recognizers nor the synthetic generator; every part
(tune and holdout) is held to a floor. Each floor is the figure measured when the sets landed, with a
small margin: a regression anywhere fails CI. They are NOT the issue's targets (see the README's
evaluation table for where the engine stands against those).
"""

from __future__ import annotations

import pytest

from anonymizers.evaluation.independent import available_sets, load_set, parts_of, run_set

# (set, group) -> maximum leak rate allowed on either part, both purposes.
# Measured 2026-12-03 (round 6 final, with the blind hand-written zh_r14 / zh_adv_r14 holdouts) on every part (the larger
# of tune/holdout), margin max(2 points, 25 %, one value of the smaller part: a model_tuning surrogate can
# collide with a value by chance, as a clean-clone CI run with a fresh key once showed);
# kept-rate floors 2 points (negatives) and 1 point (context) under the smaller part. A group whose
# margin would reach 100 % gets none; a group measured at 100 % (presidio_vectors ADDRESS_EN, one value)
# has no ceiling because none could fail.
LEAK_CEILINGS: dict[tuple[str, str], float] = {
    ("en_presidio_generator", "ADDRESS_EN"): 0.161,  # measured 12.9%
    ("en_presidio_generator", "DATE_OF_BIRTH"): 0.063,  # measured 0.0%
    ("en_presidio_generator", "PERSON_EN"): 0.060,  # measured 3.9%
    ("en_presidio_generator", "STRUCTURED"): 0.024,  # measured 0.4%
    ("presidio_vectors", "PERSON_EN"): 0.101,  # measured 0.0%
    ("presidio_vectors", "STRUCTURED"): 0.021,  # measured 0.0%
    ("zh_adv_fresh", "ADDRESS_ZH"): 0.251,  # measured 0.0%
    ("zh_adv_fresh", "DATE_OF_BIRTH"): 0.171,  # measured 8.7%
    ("zh_adv_fresh", "PERSON_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_fresh", "PERSON_ZH"): 0.044,  # measured 0.0%
    ("zh_adv_fresh", "STRUCTURED"): 0.058,  # measured 3.7%
    ("zh_adv_r11", "ADDRESS_ZH"): 0.501,  # measured 50.0%: no margin, one more leak fails
    ("zh_adv_r11", "DATE_OF_BIRTH"): 0.667,  # measured 33.3%
    ("zh_adv_r11", "PERSON_EN"): 0.620,  # measured 28.6%
    ("zh_adv_r11", "PERSON_ZH"): 0.445,  # measured 33.3%
    ("zh_adv_r11", "STRUCTURED"): 0.112,  # measured 7.4%
    ("zh_adv_r12", "ADDRESS_ZH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r12", "DATE_OF_BIRTH"): 0.334,  # measured 0.0%
    ("zh_adv_r12", "PERSON_EN"): 0.500,  # measured 0.0%
    ("zh_adv_r12", "PERSON_ZH"): 0.650,  # measured 40.0%
    ("zh_adv_r12", "STRUCTURED"): 0.149,  # measured 11.1%
    ("zh_adv_r13", "ADDRESS_ZH"): 0.501,  # measured 50.0%: no margin, one more leak fails
    ("zh_adv_r13", "DATE_OF_BIRTH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r13", "PERSON_EN"): 0.900,  # measured 40.0%
    ("zh_adv_r13", "PERSON_ZH"): 0.560,  # measured 41.7%
    ("zh_adv_r13", "STRUCTURED"): 0.183,  # measured 14.3%
    ("zh_adv_r14", "ADDRESS_ZH"): 0.601,  # measured 60.0%: no margin, one more leak fails
    ("zh_adv_r14", "DATE_OF_BIRTH"): 0.501,  # measured 50.0%: no margin, one more leak fails
    ("zh_adv_r14", "PERSON_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r14", "PERSON_ZH"): 0.286,  # measured 14.3%
    ("zh_adv_r14", "STRUCTURED"): 0.161,  # measured 7.7%
    ("zh_adv_r15", "ADDRESS_ZH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r15", "DATE_OF_BIRTH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r15", "PERSON_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r15", "PERSON_ZH"): 0.667,  # measured 33.3%
    ("zh_adv_r15", "STRUCTURED"): 0.251,  # measured 20.0%
    ("zh_adv_r16", "ADDRESS_ZH"): 0.500,  # measured 0.0%
    ("zh_adv_r16", "DATE_OF_BIRTH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r16", "PERSON_EN"): 0.501,  # measured 50.0%: no margin, one more leak fails
    ("zh_adv_r16", "PERSON_ZH"): 0.500,  # measured 33.3%
    ("zh_adv_r16", "STRUCTURED"): 0.095,  # measured 7.4%
    ("zh_adv_r17", "ADDRESS_ZH"): 0.668,  # measured 66.7%: no margin, one more leak fails
    ("zh_adv_r17", "DATE_OF_BIRTH"): 0.334,  # measured 0.0%
    ("zh_adv_r17", "PERSON_ZH"): 0.500,  # measured 25.0%
    ("zh_adv_r17", "STRUCTURED"): 0.108,  # measured 7.1%
    ("zh_adv_r18", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r18", "ADDRESS_ZH"): 0.401,  # measured 20.0%
    ("zh_adv_r18", "DATE_OF_BIRTH"): 0.782,  # measured 62.5%
    ("zh_adv_r18", "PERSON_EN"): 0.601,  # measured 40.0%
    ("zh_adv_r18", "PERSON_ZH"): 0.223,  # measured 16.7%
    ("zh_adv_r18", "STRUCTURED"): 0.079,  # measured 5.9%
    ("zh_adv_r19", "ADDRESS_ZH"): 0.500,  # measured 0.0%
    ("zh_adv_r19", "DATE_OF_BIRTH"): 0.668,  # measured 66.7%: no margin, one more leak fails
    ("zh_adv_r19", "PERSON_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r19", "PERSON_ZH"): 0.500,  # measured 25.0%
    ("zh_adv_r19", "STRUCTURED"): 0.395,  # measured 31.6%
    ("zh_adv_r20", "ADDRESS_ZH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r20", "DATE_OF_BIRTH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r20", "PERSON_EN"): 0.335,  # measured 33.3%: no margin, one more leak fails
    ("zh_adv_r20", "PERSON_ZH"): 0.376,  # measured 25.0%
    ("zh_adv_r20", "STRUCTURED"): 0.149,  # measured 11.1%
    ("zh_adv_r21", "ADDRESS_ZH"): 0.667,  # measured 33.3%
    ("zh_adv_r21", "DATE_OF_BIRTH"): 0.667,  # measured 33.3%
    ("zh_adv_r21", "PERSON_EN"): 0.334,  # measured 0.0%
    ("zh_adv_r21", "PERSON_ZH"): 0.143,  # measured 0.0%
    ("zh_adv_r21", "STRUCTURED"): 0.060,  # measured 3.9%
    ("zh_adv_r22", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r22", "ADDRESS_ZH"): 0.501,  # measured 50.0%: no margin, one more leak fails
    ("zh_adv_r22", "DATE_OF_BIRTH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r22", "PERSON_EN"): 0.501,  # measured 50.0%: no margin, one more leak fails
    ("zh_adv_r22", "PERSON_ZH"): 0.501,  # measured 50.0%: no margin, one more leak fails
    ("zh_adv_r22", "STRUCTURED"): 0.209,  # measured 16.7%
    ("zh_adv_r23", "DATE_OF_BIRTH"): 0.500,  # measured 0.0%
    ("zh_adv_r23", "PERSON_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adv_r23", "PERSON_ZH"): 0.310,  # measured 14.3%
    ("zh_adv_r23", "STRUCTURED"): 0.084,  # measured 4.0%
    ("zh_adv_r3", "ADDRESS_EN"): 0.201,  # measured 0.0%
    ("zh_adv_r3", "ADDRESS_ZH"): 0.182,  # measured 13.6%
    ("zh_adv_r3", "DATE_OF_BIRTH"): 0.166,  # measured 10.7%
    ("zh_adv_r3", "PERSON_EN"): 0.223,  # measured 11.1%
    ("zh_adv_r3", "PERSON_ZH"): 0.022,  # measured 0.0%
    ("zh_adv_r3", "STRUCTURED"): 0.079,  # measured 5.9%
    ("zh_adv_r4", "ADDRESS_EN"): 0.334,  # measured 0.0%
    ("zh_adv_r4", "ADDRESS_ZH"): 0.063,  # measured 0.0%
    ("zh_adv_r4", "DATE_OF_BIRTH"): 0.334,  # measured 22.2%
    ("zh_adv_r4", "PERSON_EN"): 0.084,  # measured 0.0%
    ("zh_adv_r4", "PERSON_ZH"): 0.077,  # measured 5.7%
    ("zh_adv_r4", "STRUCTURED"): 0.063,  # measured 4.2%
    ("zh_adv_r6", "ADDRESS_EN"): 0.500,  # measured 0.0%
    ("zh_adv_r6", "ADDRESS_ZH"): 0.091,  # measured 0.0%
    ("zh_adv_r6", "DATE_OF_BIRTH"): 0.167,  # measured 0.0%
    ("zh_adv_r6", "PERSON_EN"): 0.167,  # measured 0.0%
    ("zh_adv_r6", "PERSON_ZH"): 0.231,  # measured 15.4%
    ("zh_adv_r6", "STRUCTURED"): 0.088,  # measured 6.8%
    ("zh_adv_r7", "ADDRESS_EN"): 0.334,  # measured 0.0%
    ("zh_adv_r7", "ADDRESS_ZH"): 0.077,  # measured 0.0%
    ("zh_adv_r7", "DATE_OF_BIRTH"): 0.334,  # measured 16.7%
    ("zh_adv_r7", "PERSON_EN"): 0.251,  # measured 18.8%
    ("zh_adv_r7", "PERSON_ZH"): 0.184,  # measured 14.7%
    ("zh_adv_r7", "STRUCTURED"): 0.037,  # measured 1.7%
    ("zh_adv_r8", "ADDRESS_ZH"): 0.834,  # measured 50.0%
    ("zh_adv_r8", "DATE_OF_BIRTH"): 0.393,  # measured 14.3%
    ("zh_adv_r8", "PERSON_EN"): 0.934,  # measured 60.0%
    ("zh_adv_r8", "PERSON_ZH"): 0.286,  # measured 21.4%
    ("zh_adv_r8", "STRUCTURED"): 0.162,  # measured 12.9%
    ("zh_adv_r9", "ADDRESS_ZH"): 0.376,  # measured 25.0%
    ("zh_adv_r9", "DATE_OF_BIRTH"): 0.762,  # measured 42.9%
    ("zh_adv_r9", "PERSON_EN"): 0.451,  # measured 30.8%
    ("zh_adv_r9", "PERSON_ZH"): 0.173,  # measured 13.8%
    ("zh_adv_r9", "STRUCTURED"): 0.103,  # measured 8.2%
    ("zh_adv_unseen", "DATE_OF_BIRTH"): 0.251,  # measured 0.0%
    ("zh_adv_unseen", "PERSON_EN"): 0.251,  # measured 0.0%
    ("zh_adv_unseen", "PERSON_ZH"): 0.167,  # measured 0.0%
    ("zh_adv_unseen", "STRUCTURED"): 0.047,  # measured 2.7%
    ("zh_adversarial", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_adversarial", "ADDRESS_ZH"): 0.112,  # measured 0.0%
    ("zh_adversarial", "DATE_OF_BIRTH"): 0.334,  # measured 16.7%
    ("zh_adversarial", "PERSON_EN"): 0.900,  # measured 40.0%
    ("zh_adversarial", "PERSON_ZH"): 0.084,  # measured 0.0%
    ("zh_adversarial", "STRUCTURED"): 0.042,  # measured 2.1%
    ("zh_chat", "ADDRESS_EN"): 0.183,  # measured 7.1%
    ("zh_chat", "ADDRESS_ZH"): 0.036,  # measured 1.5%
    ("zh_chat", "DATE_OF_BIRTH"): 0.198,  # measured 15.8%
    ("zh_chat", "PERSON_EN"): 0.029,  # measured 0.0%
    ("zh_chat", "PERSON_ZH"): 0.027,  # measured 0.7%
    ("zh_chat", "STRUCTURED"): 0.038,  # measured 1.7%
    ("zh_fresh", "ADDRESS_EN"): 0.201,  # measured 0.0%
    ("zh_fresh", "ADDRESS_ZH"): 0.077,  # measured 5.1%
    ("zh_fresh", "DATE_OF_BIRTH"): 0.182,  # measured 13.6%
    ("zh_fresh", "PERSON_EN"): 0.027,  # measured 0.0%
    ("zh_fresh", "PERSON_ZH"): 0.037,  # measured 1.7%
    ("zh_fresh", "STRUCTURED"): 0.021,  # measured 0.0%
    ("zh_r10", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_r10", "ADDRESS_ZH"): 0.231,  # measured 15.4%
    ("zh_r10", "DATE_OF_BIRTH"): 0.143,  # measured 0.0%
    ("zh_r10", "PERSON_EN"): 0.334,  # measured 22.2%
    ("zh_r10", "PERSON_ZH"): 0.221,  # measured 17.6%
    ("zh_r10", "STRUCTURED"): 0.053,  # measured 2.6%
    ("zh_r11", "ADDRESS_EN"): 0.500,  # measured 25.0%
    ("zh_r11", "ADDRESS_ZH"): 0.308,  # measured 23.1%
    ("zh_r11", "DATE_OF_BIRTH"): 0.201,  # measured 10.0%
    ("zh_r11", "PERSON_EN"): 0.167,  # measured 0.0%
    ("zh_r11", "PERSON_ZH"): 0.040,  # measured 1.6%
    ("zh_r11", "STRUCTURED"): 0.021,  # measured 0.0%
    ("zh_r12", "ADDRESS_EN"): 0.167,  # measured 0.0%
    ("zh_r12", "ADDRESS_ZH"): 0.117,  # measured 5.0%
    ("zh_r12", "DATE_OF_BIRTH"): 0.167,  # measured 0.0%
    ("zh_r12", "PERSON_EN"): 0.126,  # measured 0.0%
    ("zh_r12", "PERSON_ZH"): 0.150,  # measured 12.0%
    ("zh_r12", "STRUCTURED"): 0.056,  # measured 3.6%
    ("zh_r13", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_r13", "ADDRESS_ZH"): 0.201,  # measured 10.0%
    ("zh_r13", "DATE_OF_BIRTH"): 0.286,  # measured 14.3%
    ("zh_r13", "PERSON_EN"): 0.500,  # measured 0.0%
    ("zh_r13", "PERSON_ZH"): 0.120,  # measured 9.5%
    ("zh_r13", "STRUCTURED"): 0.070,  # measured 4.9%
    ("zh_r14", "ADDRESS_EN"): 0.500,  # measured 0.0%
    ("zh_r14", "ADDRESS_ZH"): 0.167,  # measured 0.0%
    ("zh_r14", "DATE_OF_BIRTH"): 0.310,  # measured 14.3%
    ("zh_r14", "PERSON_EN"): 0.500,  # measured 0.0%
    ("zh_r14", "PERSON_ZH"): 0.161,  # measured 12.0%
    ("zh_r14", "STRUCTURED"): 0.034,  # measured 0.0%
    ("zh_r15", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_r15", "ADDRESS_ZH"): 0.667,  # measured 33.3%
    ("zh_r15", "DATE_OF_BIRTH"): 0.500,  # measured 0.0%
    ("zh_r15", "PERSON_EN"): 0.310,  # measured 14.3%
    ("zh_r15", "PERSON_ZH"): 0.186,  # measured 14.8%
    ("zh_r15", "STRUCTURED"): 0.055,  # measured 2.7%
    ("zh_r16", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_r16", "ADDRESS_ZH"): 0.134,  # measured 6.7%
    ("zh_r16", "DATE_OF_BIRTH"): 0.167,  # measured 0.0%
    ("zh_r16", "PERSON_EN"): 0.228,  # measured 18.2%
    ("zh_r16", "PERSON_ZH"): 0.143,  # measured 11.4%
    ("zh_r16", "STRUCTURED"): 0.036,  # measured 1.5%
    ("zh_r17", "ADDRESS_ZH"): 0.201,  # measured 0.0%
    ("zh_r17", "DATE_OF_BIRTH"): 0.451,  # measured 20.0%
    ("zh_r17", "PERSON_EN"): 0.334,  # measured 16.7%
    ("zh_r17", "PERSON_ZH"): 0.118,  # measured 9.1%
    ("zh_r17", "STRUCTURED"): 0.064,  # measured 3.4%
    ("zh_r18", "ADDRESS_EN"): 0.667,  # measured 33.3%
    ("zh_r18", "ADDRESS_ZH"): 0.077,  # measured 0.0%
    ("zh_r18", "DATE_OF_BIRTH"): 0.126,  # measured 8.3%
    ("zh_r18", "PERSON_EN"): 0.118,  # measured 5.9%
    ("zh_r18", "PERSON_ZH"): 0.172,  # measured 13.7%
    ("zh_r18", "STRUCTURED"): 0.021,  # measured 0.0%
    ("zh_r19", "ADDRESS_EN"): 0.334,  # measured 0.0%
    ("zh_r19", "ADDRESS_ZH"): 0.629,  # measured 42.9%
    ("zh_r19", "DATE_OF_BIRTH"): 0.376,  # measured 25.0%
    ("zh_r19", "PERSON_EN"): 0.177,  # measured 7.7%
    ("zh_r19", "PERSON_ZH"): 0.257,  # measured 20.5%
    ("zh_r19", "STRUCTURED"): 0.032,  # measured 0.0%
    ("zh_r20", "ADDRESS_EN"): 0.500,  # measured 0.0%
    ("zh_r20", "ADDRESS_ZH"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_r20", "DATE_OF_BIRTH"): 0.385,  # measured 30.8%
    ("zh_r20", "PERSON_EN"): 0.126,  # measured 0.0%
    ("zh_r20", "PERSON_ZH"): 0.118,  # measured 9.4%
    ("zh_r20", "STRUCTURED"): 0.048,  # measured 2.4%
    ("zh_r21", "ADDRESS_EN"): 0.334,  # measured 16.7%
    ("zh_r21", "ADDRESS_ZH"): 0.177,  # measured 11.8%
    ("zh_r21", "DATE_OF_BIRTH"): 0.251,  # measured 20.0%
    ("zh_r21", "PERSON_EN"): 0.201,  # measured 10.0%
    ("zh_r21", "PERSON_ZH"): 0.087,  # measured 6.7%
    ("zh_r21", "STRUCTURED"): 0.021,  # measured 0.0%
    ("zh_r22", "ADDRESS_ZH"): 0.750,  # measured 50.0%
    ("zh_r22", "DATE_OF_BIRTH"): 0.251,  # measured 0.0%
    ("zh_r22", "PERSON_EN"): 0.251,  # measured 0.0%
    ("zh_r22", "PERSON_ZH"): 0.167,  # measured 11.1%
    ("zh_r22", "STRUCTURED"): 0.112,  # measured 7.4%
    ("zh_r23", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_r23", "ADDRESS_ZH"): 0.143,  # measured 0.0%
    ("zh_r23", "DATE_OF_BIRTH"): 0.251,  # measured 0.0%
    ("zh_r23", "PERSON_EN"): 0.251,  # measured 0.0%
    ("zh_r23", "PERSON_ZH"): 0.203,  # measured 16.2%
    ("zh_r23", "STRUCTURED"): 0.067,  # measured 3.3%
    ("zh_r3", "ADDRESS_EN"): 0.334,  # measured 0.0%
    ("zh_r3", "ADDRESS_ZH"): 0.041,  # measured 2.0%
    ("zh_r3", "DATE_OF_BIRTH"): 0.071,  # measured 1.8%
    ("zh_r3", "PERSON_EN"): 0.048,  # measured 0.0%
    ("zh_r3", "PERSON_ZH"): 0.068,  # measured 4.8%
    ("zh_r3", "STRUCTURED"): 0.071,  # measured 5.0%
    ("zh_r4", "ADDRESS_EN"): 0.112,  # measured 0.0%
    ("zh_r4", "ADDRESS_ZH"): 0.056,  # measured 2.8%
    ("zh_r4", "DATE_OF_BIRTH"): 0.026,  # measured 0.0%
    ("zh_r4", "PERSON_EN"): 0.112,  # measured 5.6%
    ("zh_r4", "PERSON_ZH"): 0.059,  # measured 3.8%
    ("zh_r4", "STRUCTURED"): 0.021,  # measured 0.0%
    ("zh_r5", "ADDRESS_EN"): 0.126,  # measured 0.0%
    ("zh_r5", "ADDRESS_ZH"): 0.022,  # measured 0.0%
    ("zh_r5", "DATE_OF_BIRTH"): 0.044,  # measured 0.0%
    ("zh_r5", "PERSON_EN"): 0.036,  # measured 0.0%
    ("zh_r5", "PERSON_ZH"): 0.060,  # measured 4.0%
    ("zh_r5", "STRUCTURED"): 0.074,  # measured 5.3%
    ("zh_r6", "ADDRESS_EN"): 0.500,  # measured 25.0%
    ("zh_r6", "ADDRESS_ZH"): 0.048,  # measured 0.0%
    ("zh_r6", "DATE_OF_BIRTH"): 0.101,  # measured 5.0%
    ("zh_r6", "PERSON_EN"): 0.059,  # measured 0.0%
    ("zh_r6", "PERSON_ZH"): 0.127,  # measured 10.1%
    ("zh_r6", "STRUCTURED"): 0.049,  # measured 2.8%
    ("zh_r7", "ADDRESS_EN"): 0.401,  # measured 20.0%
    ("zh_r7", "ADDRESS_ZH"): 0.138,  # measured 10.3%
    ("zh_r7", "DATE_OF_BIRTH"): 0.077,  # measured 0.0%
    ("zh_r7", "PERSON_EN"): 0.084,  # measured 0.0%
    ("zh_r7", "PERSON_ZH"): 0.079,  # measured 5.9%
    ("zh_r7", "STRUCTURED"): 0.029,  # measured 0.9%
    ("zh_r8", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_r8", "ADDRESS_ZH"): 0.167,  # measured 0.0%
    ("zh_r8", "DATE_OF_BIRTH"): 0.286,  # measured 14.3%
    ("zh_r8", "PERSON_EN"): 0.112,  # measured 0.0%
    ("zh_r8", "PERSON_ZH"): 0.055,  # measured 1.9%
    ("zh_r8", "STRUCTURED"): 0.021,  # measured 0.0%
    ("zh_r9", "ADDRESS_EN"): 0.002,  # measured 0.0%: no margin, one more leak fails
    ("zh_r9", "ADDRESS_ZH"): 0.224,  # measured 17.9%
    ("zh_r9", "DATE_OF_BIRTH"): 0.258,  # measured 16.7%
    ("zh_r9", "PERSON_EN"): 0.231,  # measured 15.4%
    ("zh_r9", "PERSON_ZH"): 0.134,  # measured 10.7%
    ("zh_r9", "STRUCTURED"): 0.042,  # measured 2.1%
    ("zh_unseen", "ADDRESS_EN"): 0.334,  # measured 0.0%
    ("zh_unseen", "ADDRESS_ZH"): 0.033,  # measured 0.0%
    ("zh_unseen", "DATE_OF_BIRTH"): 0.059,  # measured 0.0%
    ("zh_unseen", "PERSON_EN"): 0.137,  # measured 4.5%
    ("zh_unseen", "PERSON_ZH"): 0.067,  # measured 4.6%
    ("zh_unseen", "STRUCTURED"): 0.048,  # measured 2.8%
}
NEGATIVES_KEPT_FLOOR: dict[str, float] = {"presidio_vectors": 0.903, "zh_adv_fresh": 0.902, "zh_adv_r11": 0.885, "zh_adv_r12": 0.917, "zh_adv_r13": 0.862, "zh_adv_r14": 0.834, "zh_adv_r15": 0.813, "zh_adv_r16": 0.891, "zh_adv_r17": 0.923, "zh_adv_r18": 0.899, "zh_adv_r19": 0.749, "zh_adv_r20": 0.889, "zh_adv_r21": 0.864, "zh_adv_r22": 0.855, "zh_adv_r23": 0.98, "zh_adv_r3": 0.803, "zh_adv_r4": 0.885, "zh_adv_r6": 0.792, "zh_adv_r7": 0.95, "zh_adv_r8": 0.769, "zh_adv_r9": 0.864, "zh_adv_unseen": 0.877, "zh_adversarial": 0.912, "zh_chat": 0.956, "zh_fresh": 0.891, "zh_r10": 0.943, "zh_r11": 0.877, "zh_r12": 0.927, "zh_r13": 0.958, "zh_r14": 0.935, "zh_r15": 0.89, "zh_r16": 0.902, "zh_r17": 0.935, "zh_r18": 0.909, "zh_r19": 0.915, "zh_r20": 0.915, "zh_r21": 0.907, "zh_r22": 0.9, "zh_r23": 0.915, "zh_r3": 0.952, "zh_r4": 0.969, "zh_r5": 0.937, "zh_r6": 0.915, "zh_r7": 0.938, "zh_r8": 0.907, "zh_r9": 0.951, "zh_unseen": 0.917}
CONTEXT_KEPT_FLOOR: dict[str, float] = {"en_presidio_generator": 0.979, "presidio_vectors": 0.99, "zh_adv_fresh": 0.99, "zh_adv_r11": 0.98, "zh_adv_r12": 0.97, "zh_adv_r13": 0.97, "zh_adv_r14": 0.99, "zh_adv_r15": 0.969, "zh_adv_r16": 0.982, "zh_adv_r17": 0.945, "zh_adv_r18": 0.966, "zh_adv_r19": 0.99, "zh_adv_r20": 0.99, "zh_adv_r21": 0.953, "zh_adv_r22": 0.965, "zh_adv_r23": 0.99, "zh_adv_r3": 0.99, "zh_adv_r6": 0.99, "zh_adv_r7": 0.976, "zh_adv_r8": 0.99, "zh_adv_r9": 0.98, "zh_adv_unseen": 0.99, "zh_adversarial": 0.982, "zh_chat": 0.978, "zh_fresh": 0.98, "zh_r10": 0.98, "zh_r11": 0.976, "zh_r12": 0.983, "zh_r13": 0.981, "zh_r14": 0.983, "zh_r15": 0.981, "zh_r16": 0.986, "zh_r17": 0.983, "zh_r18": 0.986, "zh_r19": 0.983, "zh_r20": 0.965, "zh_r21": 0.967, "zh_r22": 0.99, "zh_r23": 0.982, "zh_r3": 0.983, "zh_r4": 0.97, "zh_r5": 0.976, "zh_r6": 0.982, "zh_r7": 0.976, "zh_r8": 0.973, "zh_r9": 0.99, "zh_unseen": 0.977}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports():
    out = {}
    for name in available_sets():
        for part in parts_of(name):
            for purpose in ("research", "model_tuning"):
                (rep,) = run_set(name, part, purpose)
                out[name, part, purpose] = rep
    return out


def _cases():
    return [(s, p, u) for s in available_sets() for p in parts_of(s) for u in ("research", "model_tuning")]


@pytest.mark.parametrize(("name", "part", "purpose"), _cases())
def test_leak_ceilings(reports, name: str, part: str, purpose: str) -> None:
    rep = reports[name, part, purpose]
    assert rep.failed_rows == 0, "a row failed to de-identify"
    over = {
        g: rep.group(g).leak_rate for g in rep.groups
        if (name, g) in LEAK_CEILINGS and rep.group(g).leak_rate > LEAK_CEILINGS[name, g]
    }
    assert not over, f"{name}/{part}/{purpose}: leak above ceiling {over}"
    assert rep.keep_rate >= NEGATIVES_KEPT_FLOOR.get(name, 0.0), rep.keep_rate
    assert rep.context_rate >= CONTEXT_KEPT_FLOOR.get(name, 0.0), rep.context_rate


@pytest.mark.parametrize("name", available_sets())
def test_purposes_leak_alike(reports, name: str) -> None:
    """research and model_tuning find the same spans, so their leaks differ only by chance surrogates."""
    for part in parts_of(name):
        r, m = reports[name, part, "research"], reports[name, part, "model_tuning"]
        assert abs(r.group("ALL").leaked - m.group("ALL").leaked) <= max(2, 0.01 * r.group("ALL").gold)


@pytest.mark.parametrize("name", available_sets())
def test_every_set_is_held_to_floors(name: str) -> None:
    """A set added without regenerating the table would be held to nothing: fail instead."""
    assert any(s == name for s, _g in LEAK_CEILINGS), f"{name}: no leak ceiling (regenerate the table)"
    if any(m.context for m in load_set(name, "all")):
        assert name in CONTEXT_KEPT_FLOOR, f"{name}: no context floor (regenerate the table)"
