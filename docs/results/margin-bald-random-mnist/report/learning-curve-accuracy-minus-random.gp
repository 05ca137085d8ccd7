# Test accuracy minus random's, per seed then averaged; band = 95% Student-t CI over the paired seeds. Made by bdal report.
set title 'test accuracy minus random (paired by seed; mean, 95% CI)'
set xlabel 'labelled points (initial set included)'
set ylabel 'accuracy − random'
set key outside right top box opaque
set grid
set terminal pngcairo size 1200,600 noenhanced font ',10'
if (!exists('png_out')) png_out = 'learning-curve-accuracy-minus-random.png'
if (!exists('svg_out')) svg_out = 'learning-curve-accuracy-minus-random.svg'
set output png_out
plot 'learning-curve-accuracy-minus-random.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 1 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 0 using 1:2 with linespoints lc 1 pt 7 ps 0.5 lw 2 title 'bald (n=3)', \
     'learning-curve-accuracy-minus-random.dat' index 1 using 1:2 with linespoints lc 2 pt 7 ps 0.5 lw 2 title 'margin (n=3)', \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set terminal svg size 1200,600 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
plot 'learning-curve-accuracy-minus-random.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 1 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 0 using 1:2 with linespoints lc 1 pt 7 ps 0.5 lw 2 title 'bald (n=3)', \
     'learning-curve-accuracy-minus-random.dat' index 1 using 1:2 with linespoints lc 2 pt 7 ps 0.5 lw 2 title 'margin (n=3)', \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
unset output
