# Sample images of bdal's Ambiguous-MNIST. Made by bdal data make.
set palette gray negative
unset colorbox
unset tics
unset border
set yrange [*:*] reverse
set size ratio -1
set terminal pngcairo size 700,720 noenhanced font ',10'
if (!exists('png_out')) png_out = 'samples.png'
if (!exists('svg_out')) svg_out = 'samples.svg'
set output png_out
set title 'Ambiguous-MNIST train images, judges'' predictive entropy rising left to right, top to bottom'
plot 'samples.dat' matrix with image notitle
set terminal svg size 700,720 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
set title 'Ambiguous-MNIST train images, judges'' predictive entropy rising left to right, top to bottom'
plot 'samples.dat' matrix with image notitle
unset output
