import { describe, expect, it } from 'vitest';
import { titleCase } from './title-case';

describe('titleCase', () => {
  it.each([
    ['WHITE HANGING HEART T-LIGHT HOLDER', 'White Hanging Heart T-Light Holder'],
    ['SET OF 3 CAKE TINS PANTRY DESIGN', 'Set of 3 Cake Tins Pantry Design'],
    ["BOX OF 6 MINI 50'S CRACKERS", "Box of 6 Mini 50's Crackers"],
    ['RED TOADSTOOL LED NIGHT LIGHT', 'Red Toadstool LED Night Light'],
    ['PLAYING CARDS I LOVE LONDON', 'Playing Cards I Love London'],
    ['POLYESTER FILLER PAD 45X45CM', 'Polyester Filler Pad 45x45cm'],
    ['TOMATO CHARLIE+LOLA COASTER SET', 'Tomato Charlie+Lola Coaster Set'],
    ['OF MICE AND MEN', 'Of Mice and Men'],
  ])('%s → %s', (input, expected) => expect(titleCase(input)).toBe(expected));
});
