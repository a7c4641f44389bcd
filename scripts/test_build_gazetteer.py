#!/usr/bin/env python3
"""Tests of the gazetteer converter's geometry (stdlib only):

    python3 -m unittest scripts/test_build_gazetteer.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_gazetteer import area_point, inside, key, polygon_moments, share_inside  # noqa: E402


def square(x, y, side, clockwise=False):
    ring = [(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)]
    return [ring[::-1] if clockwise else ring]


class Geometry(unittest.TestCase):
    def test_moments_of_a_square_either_winding(self):
        for cw in (False, True):
            a, mx, my = polygon_moments(square(2, 4, 2, cw))
            self.assertAlmostEqual(a, 4)
            self.assertAlmostEqual(mx / a, 3)
            self.assertAlmostEqual(my / a, 5)

    def test_a_hole_takes_away(self):
        outer = square(0, 0, 4)[0]
        hole = square(0, 0, 2, clockwise=True)[0]
        a, mx, my = polygon_moments([outer, hole])
        self.assertAlmostEqual(a, 12)
        # The centroid moves away from the hole in the lower left corner.
        self.assertGreater(mx / a, 2)
        self.assertGreater(my / a, 2)

    def test_inside(self):
        ring = square(0, 0, 2)[0]
        self.assertTrue(inside(ring, 1, 1))
        self.assertFalse(inside(ring, 3, 1))

    def test_islets_do_not_pull_the_point(self):
        main = square(0, 0, 10)
        islet = square(40, 40, 1)
        lat, lon = area_point([main, islet])
        self.assertAlmostEqual(lat, 5)
        self.assertAlmostEqual(lon, 5)

    def test_an_archipelago_takes_its_largest_island(self):
        # Two islands of like size far apart: their middle is sea.
        big = square(0, 0, 4)
        other = square(20, 0, 3)
        lat, lon = area_point([big, other])
        self.assertAlmostEqual(lat, 2)
        self.assertAlmostEqual(lon, 2)

    def test_a_region_across_the_antimeridian(self):
        east = square(178, 60, 2)
        west = square(-180, 60, 2)
        lat, lon = area_point([east, west])
        self.assertAlmostEqual(lat, 61)
        self.assertAlmostEqual(abs(lon), 180, places=5)

    def test_share_of_places_held(self):
        members = [{"lat": 1, "lon": 1}, {"lat": 1.5, "lon": 0.5}, {"lat": 9, "lon": 9}, {"lat": 1, "lon": 1.9}]
        self.assertAlmostEqual(share_inside([square(0, 0, 2)], members), 0.75)

    def test_keys(self):
        self.assertEqual(key("Ma'arrat al-Nu'man"), "maarrat al numan")


if __name__ == "__main__":
    unittest.main()
